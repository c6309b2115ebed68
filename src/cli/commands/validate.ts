// `reflex validate DIR`: loads a config directory and its packs as `reflex up` would and lists
// every problem as `file:line:col: message`; exits non-zero when there is any.
import type { Command } from "commander";
import { formatProblems } from "../../config/format.js";
import { builtinActions } from "../../actions/index.js";
import { createNotifyAction } from "../../channels/index.js";
import { ReflexError } from "../../core/errors.js";
import { loadConfigWithPacks, setUpPacks } from "../../packs/index.js";
import { VERSION } from "../../server/build-server.js";
import { printJson } from "../output.js";

export function validateCommand(program: Command): void {
  program
    .command("validate <dir>")
    .description("check a config directory (and its packs) and list every problem with file:line:col")
    .option("--packs <dir>", "the packs directory (default: REFLEX_PACKS_DIR, else DIR/packs when it exists)")
    .action(async (dir: string, opts: { packs?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      // core.notify only needs to be known here (its schema), never run.
      const actions = builtinActions(process.env).register(createNotifyAction({ sender: () => notRunHere(), channels: () => new Map() }));
      const packs = await setUpPacks({ configDir: dir, packsDir: opts.packs, env: process.env, actions, reflexVersion: VERSION });
      const { config, problems } = await loadConfigWithPacks(dir, packs, actions);
      if (json) printJson({ valid: config !== null, problems, documents: config ? config.origins.size : 0 });
      else if (config) process.stdout.write(`${dir}: valid (${config.origins.size} documents)\n`);
      else process.stderr.write(`${formatProblems(problems)}\n${problems.length} problem${problems.length === 1 ? "" : "s"} in ${dir}\n`);
      if (!config) process.exitCode = 1;
    });
}

function notRunHere(): never {
  throw new ReflexError("not_available", "reflex validate does not send notifications");
}
