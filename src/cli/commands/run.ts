// `reflex run WORKFLOW --input k=v … [--input-json JSON] [--wait]`: starts an execution through
// the API. A value is read as JSON when it is JSON (`n=21` is a number, `ok=true` a boolean)
// and as a string otherwise (`instance=ins-1`). With `--wait` the command follows the
// execution to its end and exits non-zero unless it succeeded, so scripts can chain on it.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import { isJsonObject } from "../../core/json.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import { clientFor } from "../client.js";
import { printExecution, taskChangePrinter } from "../execution-output.js";
import { followExecution } from "../follow-execution.js";
import { printJson } from "../output.js";

interface RunOptions {
  input: string[];
  inputJson?: string;
  wait?: boolean;
}

export function runCommand(program: Command): void {
  program
    .command("run <workflow>")
    .description("start an execution of a workflow; --wait follows it to the end (exit 0 only if it succeeded)")
    .option("-i, --input <key=value>", "an input; the value is read as JSON when it is JSON, else as a string (repeat for more)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--input-json <json|@file>", "inputs as one JSON object, inline or @file (--input values win)")
    .option("-w, --wait", "follow the execution until it ends")
    .action(async (workflow: string, opts: RunOptions, command: Command) => {
      const { client, json } = clientFor(command);
      const input = { ...(opts.inputJson === undefined ? {} : await inputJson(opts.inputJson)), ...pairs(opts.input) };
      const started = (await client.request("POST", "/api/v1/executions", { contentType: "application/json", payload: JSON.stringify({ workflow, input }) })) as { id: string; status: string };
      if (!opts.wait) {
        if (json) printJson(started);
        else process.stdout.write(`started execution ${started.id} of ${workflow} (${started.status})\n`);
        return;
      }
      if (!json) process.stdout.write(`started execution ${started.id} of ${workflow}; following it (Ctrl-C stops following, not the execution)\n`);
      const view = await followExecution(client, started.id, json ? () => undefined : taskChangePrinter());
      if (json) printJson(view);
      else {
        process.stdout.write("\n");
        printExecution(view);
      }
      if (view.status !== "succeeded") {
        process.stderr.write(`reflex: execution ${view.id} ${view.status}${view.error === null ? "" : `: ${view.error}`}\n`);
        process.exitCode = 1;
      }
    });
}

/** `key=value` pairs as an input object. */
function pairs(values: readonly string[]): JsonObject {
  const input: JsonObject = {};
  for (const pair of values) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new ValidationError(`--input '${pair}' is not key=value (e.g. --input instance=ins-1 --input count=3)`);
    input[pair.slice(0, at)] = jsonOrString(pair.slice(at + 1));
  }
  return input;
}

function jsonOrString(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

async function inputJson(option: string): Promise<JsonObject> {
  const text = option.startsWith("@") ? await readFile(option.slice(1), "utf8") : option;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`--input-json is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isJsonObject(value)) throw new ValidationError("--input-json must be a JSON object of input name → value");
  return value;
}
