// What a config kind is, and the one place its parts are put together. A kind file states its
// JSON Schema, the checks a schema cannot express, how a document becomes a typed spec (with
// defaults), how its specs enter the ReflexConfig, and its checks across documents; the
// registry (`index.ts`) lists the kinds. `defineKind` hides each kind's spec type behind a
// uniform `ConfigKind`, so the loader handles every kind alike and adding a kind is one file
// plus one registry line (and its field in `types.ts`).
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Static, TSchema } from "typebox";
import { parseDuration } from "../../core/duration.js";
import type { ConfigDocument } from "../config-document.js";
import type { ConfigProblem } from "../problem.js";
import { schemaProblems } from "../schema-problems.js";
import type { ReflexConfig } from "../types.js";
import { DURATION_FORMAT } from "./common.js";

/** A spec built from a document, with the document it came from (for cross-document problems). */
export interface Loaded<Spec> {
  spec: Spec;
  doc: ConfigDocument;
}

/** What cross-document checks can see. */
export interface CrossContext {
  /** The configuration assembled from every valid document. */
  config: ReflexConfig;
  /**
   * The document declaring `kind`/`name`, even one with problems of its own (so a reference to
   * it is not reported as dangling too), or undefined.
   */
  declared(kind: string, name: string): ConfigDocument | undefined;
}

/** One kind of config document, as its file defines it. */
export interface KindDefinition<S extends TSchema, Spec> {
  /** The `kind:` value, e.g. `Bus`. */
  readonly kind: string;
  /** JSON Schema of the whole document (see `documentSchema`). */
  readonly schema: S;
  /**
   * Checks the schema cannot express; runs only on a document that fits the schema. `value`
   * is the document's content, `doc` says where its parts are (`doc.problem(pointer, …)`).
   */
  readonly check?: (value: Static<S>, doc: ConfigDocument) => ConfigProblem[];
  /** The typed spec for a valid document, defaults filled in. */
  readonly build: (doc: Static<S>) => Spec;
  /** Puts every spec of this kind, in load order, into the configuration. */
  readonly assemble: (specs: readonly Spec[], config: ReflexConfig) => ReflexConfig;
  /** Checks across documents (references, uniqueness), once every document is loaded. */
  readonly crossCheck?: (loaded: readonly Loaded<Spec>[], context: CrossContext, problems: ConfigProblem[]) => void;
}

/** A kind as the loader sees it: its name, and a fresh collector for each load. */
export interface ConfigKind {
  readonly kind: string;
  /** Starts collecting this kind's documents for one load of a directory. */
  collect(): KindCollector;
}

/** Collects the documents of one kind during one load. */
export interface KindCollector {
  /** Validates, checks and builds one document of this kind; problems go to `problems`. */
  load(doc: ConfigDocument, problems: ConfigProblem[]): void;
  /** Adds the collected specs to `config`. */
  assemble(config: ReflexConfig): ReflexConfig;
  /** Runs the kind's cross-document checks. */
  crossCheck(context: CrossContext, problems: ConfigProblem[]): void;
}

/** Validates config documents against kind schemas; compiled once per kind. */
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
ajv.addFormat(DURATION_FORMAT, { type: "string", validate: isDuration });

function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

/** Turns a kind's definition into the uniform `ConfigKind` the registry holds. */
export function defineKind<S extends TSchema, Spec>(definition: KindDefinition<S, Spec>): ConfigKind {
  const validate = ajv.compile<Static<S>>(definition.schema);
  return {
    kind: definition.kind,
    collect() {
      const loaded: Loaded<Spec>[] = [];
      return {
        load(doc, problems) {
          const value = doc.value;
          if (!validate(value)) {
            problems.push(...schemaProblems(validate.errors ?? [], doc));
            return;
          }
          const found = definition.check?.(value, doc) ?? [];
          problems.push(...found);
          if (found.length === 0) loaded.push({ spec: definition.build(value), doc });
        },
        assemble: (config) => definition.assemble(loaded.map((l) => l.spec), config),
        crossCheck: (context, problems) => definition.crossCheck?.(loaded, context, problems),
      };
    },
  };
}
