#!/usr/bin/env node
// The `reflex` command. Every failure ends as one clear line on stderr and a non-zero exit.
import { Command, CommanderError, Option } from "commander";
import { ReflexError, formatLocation } from "../core/errors.js";
import { VERSION } from "../server/build-server.js";
import { approvalsCommand } from "./commands/approvals.js";
import { deliveriesCommand } from "./commands/deliveries.js";
import { drillsCommand } from "./commands/drills.js";
import { eventsCommand } from "./commands/events.js";
import { executionsCommand } from "./commands/executions.js";
import { packsCommand } from "./commands/packs.js";
import { rulesCommand } from "./commands/rules.js";
import { runCommand } from "./commands/run.js";
import { secretsCommand } from "./commands/secrets.js";
import { simCommand } from "./commands/sim.js";
import { tokensCommand } from "./commands/tokens.js";
import { upCommand } from "./commands/up.js";
import { validateCommand } from "./commands/validate.js";
import { workflowsCommand } from "./commands/workflows.js";

const program = new Command("reflex")
  .description("Reflex: event-driven operations automation")
  .version(VERSION, "-V, --version")
  .option("--url <url>", "Reflex API base URL", process.env.REFLEX_URL ?? "http://127.0.0.1:7420")
  // The default is described, never shown: help output must not print the token.
  .addOption(new Option("--token <token>", "API token").default(process.env.REFLEX_TOKEN, "REFLEX_TOKEN"))
  .option("--json", "print JSON for scripts")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

program
  .command("version")
  .description("print the version")
  .action(() => {
    process.stdout.write(`reflex ${VERSION} (node ${process.version})\n`);
  });
upCommand(program);
validateCommand(program);
eventsCommand(program);
rulesCommand(program);
deliveriesCommand(program);
runCommand(program);
executionsCommand(program);
approvalsCommand(program);
workflowsCommand(program);
packsCommand(program);
tokensCommand(program);
secretsCommand(program);
simCommand(program);
drillsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else {
    const where = err instanceof ReflexError ? formatLocation(err.location) : "";
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`reflex: ${where ? `${where}: ` : ""}${message}\n`);
    process.exitCode = err instanceof ReflexError && err.status < 500 ? 2 : 1;
  }
}
