// Where packs come from and how they join a node: the packs directory is `--packs DIR`, else
// `REFLEX_PACKS_DIR`, else the config directory's `packs/` folder when it exists. Its packs'
// actions are registered once, at start, in the registry the engine and the config loader use
// (changing a pack's actions needs a restart); its packs' `workflows/`, `rules/` and
// `channels/` folders are loaded with the config directory, at start and on every reload, and
// a packs folder inside the config directory is left out of the directory's own files.
import { stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import type { ActionRegistry } from "../actions/registry.js";
import type { ActionCatalog } from "../config/action-catalog.js";
import { loadConfigDir } from "../config/load.js";
import type { ConfigLoadResult, ConfigRoot } from "../config/load.js";
import type { ConfigProblem } from "../config/problem.js";
import { compareProblems } from "../config/problem.js";
import { emptyConfig } from "../config/types.js";
import type { InvokeOptions } from "../functions/index.js";
import { loadPacks } from "./load-packs.js";
import type { InstalledPack } from "./load-packs.js";

/** How a node finds and loads its packs. */
export interface SetUpPacksOptions {
  /** The config directory, if any (its `packs/` folder is the default packs directory). */
  configDir?: string;
  /** `--packs DIR`; it must exist. */
  packsDir?: string;
  /** The process environment (`REFLEX_PACKS_DIR`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The registry of the built-in actions; the installed packs' actions are added to it. */
  actions: ActionRegistry;
  /** This Reflex's version, checked against each pack's `requires.reflex`. */
  reflexVersion: string;
  invoke?: InvokeOptions;
}

/** The installed packs, what they add to config loads, and their problems. */
export interface PackSetup {
  /** The packs directory in use, or null when there is none. */
  dir: string | null;
  packs: readonly InstalledPack[];
  /** Problems of the packs themselves (pack.yaml, actions, entries); empty when all is well. */
  problems: readonly ConfigProblem[];
  /** Options for every `loadConfigDir`/`watchConfig` of the config directory: the packs' folders, and the packs folder to leave out. */
  load: { roots: readonly ConfigRoot[]; skip: readonly string[] };
}

/** Finds the packs directory, reads its packs and registers their actions in `options.actions`. */
export async function setUpPacks(options: SetUpPacksOptions): Promise<PackSetup> {
  const dir = await packsDirectory(options);
  if (dir === null) return { dir, packs: [], problems: [], load: { roots: [], skip: [] } };
  const loaded = await loadPacks(dir, { reflexVersion: options.reflexVersion, builtin: options.actions, invoke: options.invoke });
  for (const pack of loaded.packs) options.actions.register(...pack.definitions);
  const inside = options.configDir === undefined ? undefined : relative(options.configDir, dir);
  const skip = inside !== undefined && inside !== "" && !inside.startsWith("..") && !isAbsolute(inside) ? [inside.split(sep).join("/")] : [];
  return { dir, packs: loaded.packs, problems: loaded.problems, load: { roots: loaded.packs.flatMap((p) => p.roots), skip } };
}

/**
 * Loads the configuration: the config directory (if any) and the packs' folders, with the
 * packs' own problems first among the problems. Without a config directory, the packs' folders
 * alone (or the empty config).
 */
export async function loadConfigWithPacks(configDir: string | undefined, setup: PackSetup, actions: ActionCatalog): Promise<ConfigLoadResult> {
  const [first, ...rest] = setup.load.roots;
  let result: ConfigLoadResult;
  if (configDir !== undefined) result = await loadConfigDir(configDir, { actions, ...setup.load });
  else if (first !== undefined) result = await loadConfigDir(first.dir, { actions, roots: rest });
  else result = { config: emptyConfig(), problems: [] };
  if (setup.problems.length === 0) return result;
  return { config: null, problems: [...setup.problems, ...result.problems].sort(compareProblems) };
}

async function packsDirectory(options: SetUpPacksOptions): Promise<string | null> {
  const given = options.packsDir ?? options.env.REFLEX_PACKS_DIR;
  if (given !== undefined && given !== "") return given;
  if (options.configDir === undefined) return null;
  const inConfig = join(options.configDir, "packs");
  try {
    return (await stat(inConfig)).isDirectory() ? inConfig : null;
  } catch {
    return null;
  }
}
