// Which files make up a config directory: every `*.yaml` and `*.yml` under it, at any depth, in
// one fixed order (sorted by path, byte-wise) so that "first definition" and the order of
// problems never depend on the file system. Entries whose name starts with a dot are skipped:
// editors' swap files, `.git`, and the `..data` links Kubernetes puts into mounted ConfigMaps
// (which would otherwise load every file twice).
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigProblem } from "./problem.js";

const YAML_FILE = /\.ya?ml$/i;

/** The config files under a directory, or the problem that keeps it from being read. */
export type FileListing = { files: string[]; problem?: undefined } | { files?: undefined; problem: ConfigProblem };

/** Lists config files under `dir` as paths relative to it (with `/`), sorted. Never throws. */
export async function findConfigFiles(dir: string): Promise<FileListing> {
  const whole = (message: string): FileListing => ({ problem: { file: dir, line: 0, col: 0, pointer: "", message } });
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return whole("is not a directory; give the directory that holds the YAML config files");
  } catch (err) {
    if (isCode(err, "ENOENT")) return whole("config directory does not exist");
    return whole(`cannot read the config directory: ${reason(err)}`);
  }
  const files: string[] = [];
  const problem = await walk(dir, "", files);
  if (problem !== undefined) return whole(problem);
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files };
}

/** Collects files under `root/relative` into `out`; returns a message when a folder cannot be read. */
async function walk(root: string, relative: string, out: string[]): Promise<string | undefined> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (err) {
    return `cannot read ${relative === "" ? "the config directory" : `'${relative}'`}: ${reason(err)}`;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      const problem = await walk(root, path, out);
      if (problem !== undefined) return problem;
    } else if (YAML_FILE.test(entry.name) && (entry.isFile() || (await isFileLink(join(root, path))))) {
      out.push(path);
    }
  }
  return undefined;
}

/** True for a symbolic link to a regular file (links to folders are not followed). */
async function isFileLink(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && "code" in err && err.code === code;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
