// Helpers for the kind tests: YAML written one line per argument (so expected line numbers can
// be read off), loading a directory of files, and problems in a compact comparable form.
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { afterAll, expect } from "vitest";
import type { ConfigProblem, LoadConfigOptions, ReflexConfig } from "../../src/config/index.js";
import { loadConfigDir } from "../../src/config/index.js";
import { writeConfigDir } from "../support/config-dir.js";

/** YAML text whose line N is the Nth argument. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Loads `files` and returns the problems, file names relative to the directory. */
export async function problemsOf(files: Record<string, string>, options?: LoadConfigOptions): Promise<ConfigProblem[]> {
  const dir = writeConfigDir(files);
  dirs.push(dir);
  const { config, problems } = await loadConfigDir(dir, options);
  if (problems.length > 0) expect(config).toBeNull();
  return problems.map((p) => ({ ...p, file: relative(dir, p.file) }));
}

/** `file:line:col [pointer] message` of each problem of `files`. */
export async function placesOf(files: Record<string, string>, options?: LoadConfigOptions): Promise<string[]> {
  return (await problemsOf(files, options)).map((p) => `${p.file}:${p.line}:${p.col} [${p.pointer}] ${p.message}`);
}

/** Loads `files`, which must have no problem, and returns the config. */
export async function configOf(files: Record<string, string>, options?: LoadConfigOptions): Promise<ReflexConfig> {
  const dir = writeConfigDir(files);
  dirs.push(dir);
  const { config, problems } = await loadConfigDir(dir, options);
  expect(problems).toEqual([]);
  if (config === null) throw new Error("no config despite no problems");
  return config;
}
