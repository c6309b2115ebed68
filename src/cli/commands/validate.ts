// `reflex validate DIR`: loads a config directory as `reflex up` would and lists every problem
// as `file:line:col: message`; exits non-zero when there is any.
import type { Command } from "commander";
import { formatProblems } from "../../config/format.js";
import { builtinActions } from "../../actions/index.js";
import { loadConfigDir } from "../../config/load.js";
import { printJson } from "../output.js";

export function validateCommand(program: Command): void {
  program
    .command("validate <dir>")
    .description("check a config directory and list every problem with file:line:col")
    .action(async (dir: string, _opts: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      const { config, problems } = await loadConfigDir(dir, { actions: builtinActions(process.env) });
      if (json) printJson({ valid: config !== null, problems, documents: config ? config.origins.size : 0 });
      else if (config) process.stdout.write(`${dir}: valid (${config.origins.size} documents)\n`);
      else process.stderr.write(`${formatProblems(problems)}\n${problems.length} problem${problems.length === 1 ? "" : "s"} in ${dir}\n`);
      if (!config) process.exitCode = 1;
    });
}
