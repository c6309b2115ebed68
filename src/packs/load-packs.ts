// Reads a packs directory: each folder in it holding a `pack.yaml` is a pack. Its `actions/`
// files become actions (`<pack>.<name>`, code run by the Functions runner); its `workflows/`,
// `rules/` and `channels/` folders are config roots loaded with the config directory. Every
// pack is read and every problem reported, placed at file:line:col: a bad pack.yaml, a pack
// name used twice or taken by a built-in pack, an action ref used twice or clashing with a
// built-in action, a missing or broken entry file. A pack with a bad pack.yaml contributes
// nothing (its actions' refs cannot be named).
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigDocument } from "../config/config-document.js";
import { findConfigFiles } from "../config/find-files.js";
import type { ConfigRoot } from "../config/load.js";
import type { ConfigProblem } from "../config/problem.js";
import { readConfigFile } from "../config/read-file.js";
import { InputSchemas } from "../actions/input-validator.js";
import type { AnyActionDefinition } from "../actions/registry.js";
import type { InvokeOptions } from "../functions/index.js";
import type { PackActionSpec } from "./action-metadata.js";
import { readActionMetadata } from "./action-metadata.js";
import { RESERVED_PACK_NAMES } from "./builtin-packs.js";
import { packAction } from "./pack-action.js";
import { readManifest } from "./pack-manifest.js";
import type { PackManifest } from "./pack-manifest.js";

/** The folders of a pack whose YAML documents join the configuration. */
export const PACK_CONFIG_FOLDERS = ["workflows", "rules", "channels"] as const;

/** A pack found in the packs directory, with everything it brings. */
export interface InstalledPack {
  manifest: PackManifest;
  /** The pack's folder, as the packs directory was given joined with its name. */
  dir: string;
  /** `file:line:col` of its pack.yaml. */
  origin: string;
  actions: readonly PackActionSpec[];
  /** The actions as the registry takes them. */
  definitions: readonly AnyActionDefinition[];
  /** Its `workflows/`, `rules/` and `channels/` folders that exist. */
  roots: readonly ConfigRoot[];
}

/** The packs of a directory and every problem found in them. */
export interface PacksLoadResult {
  packs: InstalledPack[];
  problems: ConfigProblem[];
}

/** What loading packs needs to know. */
export interface LoadPacksOptions {
  /** This Reflex's version, checked against a pack's `requires.reflex`. */
  reflexVersion: string;
  /** The actions already registered (built-in): a pack action may not take one of their refs. */
  builtin: { has(ref: string): boolean };
  /** How pack actions' code is run (tests shorten the sampling). */
  invoke?: InvokeOptions;
}

/** Reads every pack in `dir`; never throws for anything in the files. */
export async function loadPacks(dir: string, options: LoadPacksOptions): Promise<PacksLoadResult> {
  const problems: ConfigProblem[] = [];
  const whole = (message: string): PacksLoadResult => ({ packs: [], problems: [{ file: dir, line: 0, col: 0, pointer: "", message }] });
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const missing = err instanceof Error && "code" in err && err.code === "ENOENT";
    return whole(missing ? "packs directory does not exist" : `cannot read the packs directory: ${err instanceof Error ? err.message : String(err)}`);
  }
  const packs: InstalledPack[] = [];
  const names = new Map<string, string>();
  const refs = new Map<string, string>();
  for (const entry of entries.filter((e) => !e.name.startsWith(".")).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const packDir = join(dir, entry.name);
    if (!(await isDirectory(packDir))) continue;
    const manifestDoc = await readManifestDoc(packDir, problems);
    if (manifestDoc === undefined) continue;
    const manifest = readManifest(manifestDoc, options.reflexVersion);
    if (Array.isArray(manifest)) {
      problems.push(...manifest);
      continue;
    }
    if (RESERVED_PACK_NAMES.includes(manifest.name)) {
      problems.push(manifestDoc.problem("/name", `'${manifest.name}' is the name of a built-in pack (${RESERVED_PACK_NAMES.join(", ")}); give this pack another name`));
      continue;
    }
    const first = names.get(manifest.name);
    if (first !== undefined) {
      problems.push(manifestDoc.problem("/name", `pack '${manifest.name}' is installed twice: here and at ${first}; remove one of the folders`));
      continue;
    }
    names.set(manifest.name, manifestDoc.where("/name"));
    const actions = await readActions(manifest.name, packDir, refs, options, problems);
    const roots: ConfigRoot[] = [];
    for (const folder of PACK_CONFIG_FOLDERS) {
      const path = join(packDir, folder);
      if (await isDirectory(path)) roots.push({ dir: path, shown: path });
    }
    packs.push({ manifest, dir: packDir, origin: manifestDoc.where(""), actions, definitions: actions.map((a) => packAction(a, options.invoke)), roots });
  }
  return { packs, problems };
}

/** The one document of `<packDir>/pack.yaml`, or undefined after reporting why there is none. */
async function readManifestDoc(packDir: string, problems: ConfigProblem[]): Promise<ConfigDocument | undefined> {
  const path = join(packDir, "pack.yaml");
  if (!(await isFile(path))) {
    problems.push({ file: packDir, line: 0, col: 0, pointer: "", message: "is not a pack: it has no pack.yaml (name, version, description); remove the folder from the packs directory or add the file" });
    return undefined;
  }
  const read = await readConfigFile(path, path);
  problems.push(...read.problems);
  if (read.problems.length > 0) return undefined;
  const [doc, second] = read.documents;
  if (doc === undefined) {
    problems.push({ file: path, line: 0, col: 0, pointer: "", message: "is empty; a pack.yaml gives the pack's name, version and description" });
    return undefined;
  }
  if (second !== undefined) {
    problems.push(second.problem("", "a pack.yaml holds one document; remove this one"));
    return undefined;
  }
  return doc;
}

/** The valid actions of the pack's `actions/` folder; problems for the others. */
async function readActions(pack: string, packDir: string, refs: Map<string, string>, options: LoadPacksOptions, problems: ConfigProblem[]): Promise<PackActionSpec[]> {
  const folder = join(packDir, "actions");
  if (!(await isDirectory(folder))) return [];
  const listing = await findConfigFiles(folder);
  if (listing.problem !== undefined) {
    problems.push({ ...listing.problem, file: folder });
    return [];
  }
  const schemas = new InputSchemas();
  const actions: PackActionSpec[] = [];
  for (const file of listing.files) {
    const read = await readConfigFile(join(folder, file), join(folder, file));
    problems.push(...read.problems);
    for (const doc of read.documents) {
      const spec = readActionMetadata(pack, doc);
      if (Array.isArray(spec)) {
        problems.push(...spec);
        continue;
      }
      const clash = options.builtin.has(spec.ref) ? "a built-in action" : refs.get(spec.ref);
      if (clash !== undefined) {
        problems.push(doc.problem("/name", `action '${spec.ref}' is already defined (${clash}); each ref names one action, so rename this one`));
        continue;
      }
      try {
        schemas.compile(spec.ref, packAction(spec).inputSchema);
      } catch (err) {
        problems.push(doc.problem("/inputSchema", err instanceof Error ? err.message : String(err)));
        continue;
      }
      refs.set(spec.ref, `at ${doc.where("/name")}`);
      actions.push(spec);
    }
  }
  return actions;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
