// Loads a config directory into one validated ReflexConfig, or says everything that is wrong
// with it. Every file is read and every document checked, whatever failed before, so one run
// of `reflex validate` lists all the problems: YAML syntax, document shape, kind, schema per
// kind, duplicates, references across documents. The config is returned only when there is
// no problem at all; a caller keeps what it had otherwise.
import { join } from "node:path";
import type { ActionCatalog } from "./action-catalog.js";
import type { ConfigDocument } from "./config-document.js";
import { readEnvelope } from "./envelope.js";
import { findConfigFiles } from "./find-files.js";
import { CONFIG_KINDS } from "./kinds/index.js";
import type { ConfigKind, KindCollector } from "./kinds/kind.js";
import type { ConfigProblem } from "./problem.js";
import { compareProblems } from "./problem.js";
import { readConfigFile } from "./read-file.js";
import type { DocumentOrigin, ReflexConfig } from "./types.js";
import { emptyConfig } from "./types.js";

/** The outcome of loading a config directory: a config, or the problems (sorted by place). */
export interface ConfigLoadResult {
  config: ReflexConfig | null;
  problems: ConfigProblem[];
}

/** Options of `loadConfigDir`. */
export interface LoadConfigOptions {
  /** The actions workflow tasks may run; without it, action refs are checked for their shape only. */
  actions?: ActionCatalog;
  /**
   * More folders of documents loaded with the directory, after it (an installed pack's
   * `workflows/`, `rules/`, `channels/`); a missing one is a problem, like a missing directory.
   */
  roots?: readonly ConfigRoot[];
  /** Folders under the directory (paths relative to it, with `/`) whose files are not loaded: the packs folder inside it. */
  skip?: readonly string[];
}

/** A folder loaded besides the config directory. */
export interface ConfigRoot {
  dir: string;
  /** How problems name the folder: its files are `shown` joined with their path under `dir`. */
  shown: string;
}

/**
 * Loads every `*.yaml` / `*.yml` file under `dir` (recursively, sorted by path; multi-document
 * files allowed), but those under `skip`, then those under each of `roots`. Problems name
 * files as `dir` (or the root's `shown`) joined with the file's path under it. An empty
 * directory gives the empty config (the `default` bus only); a missing one is a problem.
 * Never throws for anything in the files.
 */
export async function loadConfigDir(dir: string, options: LoadConfigOptions = {}): Promise<ConfigLoadResult> {
  const skip = options.skip ?? [];
  const skipped = (file: string): boolean => skip.some((folder) => file.startsWith(`${folder}/`));
  const problems: ConfigProblem[] = [];
  const loader = new DocumentLoader(CONFIG_KINDS, options.actions);
  const roots: readonly ConfigRoot[] = [{ dir, shown: dir }, ...(options.roots ?? [])];
  for (const [index, root] of roots.entries()) {
    const listing = await findConfigFiles(root.dir);
    if (listing.problem !== undefined) {
      if (index === 0) return { config: null, problems: [listing.problem] };
      problems.push({ ...listing.problem, file: root.shown });
      continue;
    }
    for (const file of listing.files) {
      if (index === 0 && skipped(file)) continue;
      const read = await readConfigFile(join(root.dir, file), join(root.shown, file));
      problems.push(...read.problems);
      for (const doc of read.documents) loader.load(doc, problems);
    }
  }
  const config = loader.finish(problems);
  problems.sort(compareProblems);
  return { config: problems.length === 0 ? config : null, problems };
}

/** Routes documents to their kind's collector and remembers who declared what. */
class DocumentLoader {
  private readonly collectors = new Map<ConfigKind, KindCollector>();
  /** Documents by `Kind/name`, including ones with problems of their own. */
  private readonly declared = new Map<string, ConfigDocument>();

  constructor(
    private readonly kinds: readonly ConfigKind[],
    private readonly actions: ActionCatalog | undefined,
  ) {
    for (const kind of kinds) this.collectors.set(kind, kind.collect());
  }

  load(doc: ConfigDocument, problems: ConfigProblem[]): void {
    const envelope = readEnvelope(doc, this.kinds);
    if (envelope.problem !== undefined) {
      problems.push(envelope.problem);
      return;
    }
    const { kind, name } = envelope;
    if (name !== undefined) {
      const key = `${kind.kind}/${name}`;
      const first = this.declared.get(key);
      if (first !== undefined) {
        const message = `${kind.kind} '${name}' is defined twice: here and at ${first.where("/name")}; rename or remove one`;
        problems.push(doc.problem("/name", message));
        return;
      }
      this.declared.set(key, doc);
    }
    this.collectors.get(kind)?.load(doc, problems);
  }

  /** Assembles the config from every valid document and runs the cross-document checks. */
  finish(problems: ConfigProblem[]): ReflexConfig {
    let config = emptyConfig();
    for (const collector of this.collectors.values()) config = collector.assemble(config);
    const origins = new Map<string, DocumentOrigin>();
    for (const [key, doc] of this.declared) origins.set(key, { file: doc.file, ...doc.start() });
    config = { ...config, origins };
    const context = { config, actions: this.actions, declared: (kind: string, name: string) => this.declared.get(`${kind}/${name}`) };
    for (const collector of this.collectors.values()) collector.crossCheck(context, problems);
    return config;
  }
}
