// Helpers for the Functions tests: Functions loaded through the real config loader (so their
// code is compiled exactly as in production), an in-memory secret resolver, and a collector of
// the log lines an invocation writes.
import type { LogStream } from "../../src/actions/task-log.js";
import type { FunctionSpec, ReflexConfig } from "../../src/config/types.js";
import { SecretNotSetError } from "../../src/core/secrets.js";
import type { SecretResolver } from "../../src/core/secrets.js";
import { configOf } from "../config/fixture.js";

/** The config of `files` (YAML and function sources), which must load without problems. */
export function functionsConfig(files: Record<string, string>): Promise<ReflexConfig> {
  return configOf(files);
}

/** The Function `name` of `config`. */
export function functionOf(config: ReflexConfig, name: string): FunctionSpec {
  const spec = config.functions.get(name);
  if (spec === undefined) throw new Error(`no Function '${name}' in the config`);
  return spec;
}

/** A Function document with inline `code` (indented as a literal block) and extra YAML lines. */
export function inlineFunction(name: string, code: string, ...extra: string[]): string {
  const body = code
    .trim()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
  return ["kind: Function", `name: ${name}`, ...extra, "code: |", body, ""].join("\n");
}

/** Resolves the secrets it was given; any other name is not set. */
export function memorySecrets(values: Record<string, string>): SecretResolver {
  return {
    async resolve(names) {
      const missing = names.filter((n) => values[n] === undefined);
      if (missing.length > 0) throw new SecretNotSetError(missing);
      return Object.fromEntries(names.map((n) => [n, values[n] ?? ""]));
    },
  };
}

/** Collects `onLine` calls as `stream: line`. */
export function lineCollector(): { lines: string[]; onLine(stream: LogStream, line: string): void } {
  const lines: string[] = [];
  return { lines, onLine: (stream, line) => lines.push(`${stream}: ${line}`) };
}
