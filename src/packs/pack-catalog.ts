// The packs a node knows, built-in and installed, as the API and the CLI show them: metadata,
// the actions each one brings, and the workflows, rules and channels each installed pack
// declares in the configuration in force (found by where their documents came from).
import type { ReflexConfig } from "../config/types.js";
import { BUILTIN_PACKS } from "./builtin-packs.js";
import type { InstalledPack } from "./load-packs.js";

/** One pack as listed. */
export interface PackView {
  name: string;
  version: string;
  description: string;
  builtIn: boolean;
  /** `requires.reflex` of an installed pack. */
  requires: string | null;
  /** `file:line:col` of an installed pack's pack.yaml; null for a built-in pack. */
  origin: string | null;
  /** Action refs, sorted. */
  actions: string[];
  /** Names of the documents of the pack in the configuration in force, by kind. */
  workflows: string[];
  rules: string[];
  channels: string[];
}

/** What the catalog reads. */
export interface PackCatalogDeps {
  installed: readonly InstalledPack[];
  /** Every registered action ref (built-in and installed packs). */
  refs(): readonly string[];
  /** This Reflex's version, which the built-in packs have. */
  version: string;
  /** The configuration in force. */
  config(): ReflexConfig;
}

/** The built-in and installed packs. */
export class PackCatalog {
  constructor(private readonly deps: PackCatalogDeps) {}

  /** Built-in packs first, then installed ones by name. */
  list(): PackView[] {
    const refs = this.deps.refs();
    const builtIn = BUILTIN_PACKS.map((p): PackView => ({
      name: p.name,
      version: this.deps.version,
      description: p.description,
      builtIn: true,
      requires: null,
      origin: null,
      actions: refs.filter((ref) => p.owns(ref)),
      workflows: [],
      rules: [],
      channels: [],
    }));
    return [...builtIn, ...this.deps.installed.map((p) => this.installedView(p))];
  }

  /** The pack named `name`, or undefined. */
  get(name: string): PackView | undefined {
    return this.list().find((p) => p.name === name);
  }

  /** The name of the pack `ref` belongs to: its built-in pack, else the part before the first dot. */
  packOf(ref: string): string {
    return BUILTIN_PACKS.find((p) => p.owns(ref))?.name ?? ref.slice(0, ref.indexOf("."));
  }

  private installedView(pack: InstalledPack): PackView {
    const documents = (kind: string): string[] => {
      const names: string[] = [];
      for (const [key, origin] of this.deps.config().origins) {
        if (key.startsWith(`${kind}/`) && pack.roots.some((root) => origin.file.startsWith(`${root.shown}/`))) names.push(key.slice(kind.length + 1));
      }
      return names.sort();
    };
    return {
      name: pack.manifest.name,
      version: pack.manifest.version,
      description: pack.manifest.description,
      builtIn: false,
      requires: pack.manifest.requires?.reflex ?? null,
      origin: pack.origin,
      actions: pack.actions.map((a) => a.ref).sort(),
      workflows: documents("Workflow"),
      rules: documents("Rule"),
      channels: documents("Channel"),
    };
  }
}
