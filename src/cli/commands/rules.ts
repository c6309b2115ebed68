// `reflex rules list|get|apply|delete|test|backtest`: the rules in force and API rules through
// the HTTP API; `test` checks a pattern against an event here, without a server.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { parseAllDocuments } from "yaml";
import { ValidationError } from "../../core/errors.js";
import { isJsonObject } from "../../core/json.js";
import { compilePattern, explainPattern } from "../../patterns/index.js";
import type { PatternDialect } from "../../patterns/index.js";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";
import { printExplanation } from "../explanation-output.js";

interface RuleItem {
  name: string;
  bus: string;
  enabled: boolean;
  targets: { name: string; type: string }[];
  origin: "api" | { file: string; line: number; col: number };
}

interface Backtest {
  scanned: number;
  matched: number;
  complete: boolean;
  truncated: boolean;
  items: { event: { id: string; source: string; type: string; subject: string | null; time: string | null }; targets: { name: string; error?: string }[] }[];
}

const path = (name: string) => `/api/v1/rules/${encodeURIComponent(name)}`;

export function rulesCommand(program: Command): void {
  const rules = program.command("rules").description("list, show, apply, delete, test and backtest rules");

  rules
    .command("list")
    .description("the rules in force, with where each is defined")
    .action(async (_opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", "/api/v1/rules")) as { items: RuleItem[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((r) => ({ name: r.name, bus: r.bus, enabled: r.enabled ? "yes" : "no", targets: r.targets.map((t) => `${t.name}:${t.type}`).join(","), origin: origin(r.origin) })),
        ["name", "bus", "enabled", "targets", "origin"],
      );
    });

  rules
    .command("get <name>")
    .description("one rule, as JSON")
    .action(async (name: string, _opts: unknown, command: Command) => {
      printJson(await clientFor(command).client.request("GET", path(name)));
    });

  rules
    .command("apply")
    .description("create or replace the API rules in FILE (YAML or JSON; one or more kind: Rule documents)")
    .requiredOption("-f, --file <file>", "the rule documents")
    .action(async (opts: { file: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const applied: unknown[] = [];
      for (const { name, body } of ruleDocuments(opts.file, await readFile(opts.file, "utf8"))) {
        const rule = await client.request("PUT", path(name), { contentType: "application/json", payload: JSON.stringify(body) });
        applied.push(rule);
        if (!json) process.stdout.write(`applied rule ${name}\n`);
      }
      if (json) printJson({ items: applied });
    });

  rules
    .command("delete <name>")
    .description("delete an API rule")
    .action(async (name: string, _opts: unknown, command: Command) => {
      await clientFor(command).client.request("DELETE", path(name));
      process.stdout.write(`deleted rule ${name}\n`);
    });

  rules
    .command("test")
    .description("does the pattern in FILE match the event in FILE? (exit 0: match, 1: no match; needs no server)")
    .requiredOption("--pattern <file>", "an event pattern (YAML or JSON)")
    .requiredOption("--event <file>", "an event (JSON)")
    .option("--dialect <dialect>", "reflex (default) or eventbridge")
    .option("--explain", "also say why: each condition of the matching (or closest) alternative, what it wants and what the event has")
    .action(async (opts: { pattern: string; event: string; dialect?: string; explain?: boolean }, command: Command) => {
      if (opts.dialect !== undefined && opts.dialect !== "reflex" && opts.dialect !== "eventbridge") throw new ValidationError(`--dialect: '${opts.dialect}' must be reflex or eventbridge`);
      const pattern = parseOne(opts.pattern, await readFile(opts.pattern, "utf8"));
      const event = parseOne(opts.event, await readFile(opts.event, "utf8"));
      const options = { dialect: opts.dialect as PatternDialect | undefined };
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      let match: boolean;
      if (opts.explain) {
        const { match: matched, ...explanation } = explainPattern(pattern, event, options);
        match = matched;
        if (json) printJson({ match, explanation });
        else printExplanation({ match, ...explanation });
      } else {
        match = compilePattern(pattern, options).matches(event);
        if (json) printJson({ match });
        else process.stdout.write(match ? "match\n" : "no match\n");
      }
      if (!match) process.exitCode = 1;
    });

  rules
    .command("backtest <name>")
    .description("which stored events the rule would have matched, and what it would have sent; delivers nothing")
    .requiredOption("--since <time>", "start: RFC 3339, epoch ms, or a duration ago (7d)")
    .option("--until <time>", "end (default now)")
    .action(async (name: string, opts: { since: string; until?: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const body = JSON.stringify({ from: opts.since, ...(opts.until === undefined ? {} : { to: opts.until }) });
      const answer = (await client.request("POST", `${path(name)}/backtest`, { contentType: "application/json", payload: body })) as Backtest;
      if (json) return printJson(answer);
      process.stdout.write(`scanned ${answer.scanned} events, ${answer.matched} would match${answer.complete ? "" : " (stopped at the scan limit)"}\n`);
      printTable(
        answer.items.map(({ event, targets }) => ({
          time: event.time,
          source: event.source,
          type: event.type,
          subject: event.subject,
          id: event.id,
          targets: targets.map((t) => (t.error === undefined ? t.name : `${t.name}(error)`)).join(","),
        })),
        ["time", "source", "type", "subject", "id", "targets"],
      );
      if (answer.truncated) process.stdout.write(`… ${answer.matched - answer.items.length} more not listed (--json shows the inputs)\n`);
    });
}

function origin(value: RuleItem["origin"]): string {
  return value === "api" ? "api" : `${value.file}:${value.line}`;
}

/** Every rule document of a file, with its name and the body the API takes. */
function ruleDocuments(file: string, text: string): { name: string; body: Record<string, unknown> }[] {
  const documents = parseAllDocuments(text);
  const rules: { name: string; body: Record<string, unknown> }[] = [];
  documents.forEach((doc, i) => {
    if (doc.errors.length > 0) throw new ValidationError(`${file}: document ${i + 1} is not valid YAML or JSON: ${doc.errors[0]?.message ?? ""}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    if (!isJsonObject(value)) throw new ValidationError(`${file}: document ${i + 1} is not a mapping; write a rule with name, pattern and targets`);
    const { kind, name, ...body } = value;
    if (kind !== undefined && kind !== "Rule") throw new ValidationError(`${file}: document ${i + 1} is a ${String(kind)}; only kind: Rule documents can be applied through the API`);
    if (typeof name !== "string" || name === "") throw new ValidationError(`${file}: document ${i + 1} has no name; every rule needs one`);
    rules.push({ name, body });
  });
  if (rules.length === 0) throw new ValidationError(`${file} holds no rule`);
  return rules;
}

function parseOne(file: string, text: string): unknown {
  const [doc, ...more] = parseAllDocuments(text);
  if (!doc || more.length > 0 || doc.errors.length > 0) throw new ValidationError(`${file} must hold one YAML or JSON document${doc?.errors[0] ? `: ${doc.errors[0].message}` : ""}`);
  return doc.toJS();
}
