// `reflex packs list|show NAME` and `reflex actions list|show REF|run REF --input k=v …`:
// the built-in and installed packs and their actions through the HTTP API. `actions run`
// runs one action ad hoc (recorded in the audit log as `action.run`) and exits 0 only when it
// succeeded.
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";
import type { PackView } from "../../packs/index.js";


interface ActionItem {
  ref: string;
  description: string;
  timeoutMs: number;
  inputSchema: { required?: string[] };
}

interface RunView {
  id: string;
  ref: string;
  status: string;
  result: JsonValue;
  error: string | null;
  durationMs: number;
  logs: { stream: string; line: string }[];
}

const packPath = (name: string) => `/api/v1/packs/${encodeURIComponent(name)}`;
const actionPath = (ref: string) => `/api/v1/actions/${encodeURIComponent(ref)}`;

export function packsCommand(program: Command): void {
  const packs = program.command("packs").description("the built-in and installed packs");

  packs
    .command("list")
    .description("every pack: name, version, built-in or installed, action count, description")
    .action(async (_opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", "/api/v1/packs")) as { items: PackView[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((p) => ({ name: p.name, version: p.version, source: p.builtIn ? "built-in" : "installed", actions: p.actions.length, description: p.description })),
        ["name", "version", "source", "actions", "description"],
      );
    });

  packs
    .command("show <name>")
    .description("one pack: its metadata, actions, workflows, rules and channels")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const pack = (await client.request("GET", packPath(name))) as PackView;
      if (json) return printJson(pack);
      const lines = [
        `${pack.name} ${pack.version} (${pack.builtIn ? "built-in" : "installed"})`,
        pack.description,
        ...(pack.origin === null ? [] : [`defined at: ${pack.origin}`]),
        ...(pack.requires === null ? [] : [`requires:   reflex ${pack.requires}`]),
        `actions:    ${pack.actions.join(", ") || "-"}`,
        `workflows:  ${pack.workflows.join(", ") || "-"}`,
        `rules:      ${pack.rules.join(", ") || "-"}`,
        `channels:   ${pack.channels.join(", ") || "-"}`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  const actions = program.command("actions").description("the actions workflow tasks can name; show one, run one ad hoc");

  actions
    .command("list")
    .description("every action: ref, required inputs, default timeout, description")
    .action(async (_opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", "/api/v1/actions")) as { items: ActionItem[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((a) => ({ ref: a.ref, required: (a.inputSchema.required ?? []).join(",") || null, timeout: a.timeoutMs === 0 ? null : `${a.timeoutMs / 1000} s`, description: a.description })),
        ["ref", "required", "timeout", "description"],
      );
    });

  actions
    .command("show <ref>")
    .description("one action with its pack, input schema, timeout and secrets, as JSON")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      printJson(await clientFor(command).client.request("GET", actionPath(ref)));
    });

  actions
    .command("run <ref>")
    .description("run one action ad hoc and print its result (operator; recorded in the audit log)")
    .option("-i, --input <key=value>", "an input; the value is read as JSON when it is JSON, else as a string (repeat for more)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--timeout <ms>", "stop sooner than the action's own timeout, in milliseconds", (value: string) => positiveInteger(value))
    .action(async (ref: string, opts: { input: string[]; timeout?: number }, command: Command) => {
      const { client, json } = clientFor(command);
      const body = { input: pairs(opts.input), ...(opts.timeout === undefined ? {} : { timeoutMs: opts.timeout }) };
      const run = (await client.request("POST", `${actionPath(ref)}/run`, { contentType: "application/json", payload: JSON.stringify(body) })) as RunView;
      if (json) printJson(run);
      else {
        for (const log of run.logs) process.stderr.write(`${log.stream}: ${log.line}\n`);
        process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
      }
      if (run.status !== "succeeded") {
        process.stderr.write(`reflex: action ${run.ref} ${run.status}${run.error === null ? "" : `: ${run.error}`}\n`);
        process.exitCode = 1;
      }
    });
}

/** `key=value` pairs as an input object (a value that parses as JSON is taken as JSON). */
function pairs(values: readonly string[]): JsonObject {
  const input: JsonObject = {};
  for (const pair of values) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new ValidationError(`--input '${pair}' is not key=value (e.g. --input host=web-1 --input count=3)`);
    const text = pair.slice(at + 1);
    try {
      input[pair.slice(0, at)] = JSON.parse(text) as JsonValue;
    } catch {
      input[pair.slice(0, at)] = text;
    }
  }
  return input;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ValidationError(`--timeout '${text}' is not a whole number of milliseconds above 0`);
  return value;
}
