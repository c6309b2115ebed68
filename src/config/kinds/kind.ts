// What a config kind is, and the one place its parts are put together. A kind file states its
// JSON Schema, the checks a schema cannot express, how a document becomes a typed spec (with
// defaults), how its specs enter the ReflexConfig, and its checks across documents; the
// registry (`index.ts`) lists the kinds. `defineKind` hides each kind's spec type behind a
// uniform `ConfigKind`, so the loader handles every kind alike and adding a kind is one file
// plus one registry line (and its field in `types.ts`).
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Static, TSchema } from "typebox";
import { isDuration } from "../../core/duration.js";
import type { ActionCatalog } from "../action-catalog.js";
import type { ConfigDocument } from "../config-document.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
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
  /** The actions workflow tasks may run, when the caller of the load gave them. */
  actions: ActionCatalog | undefined;
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
  readonly check?: (value: Static<S>, doc: ProblemLocator) => ConfigProblem[];
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


/** A spec, or the problems that kept a value from becoming one. */
export interface CheckedDocument<Spec> {
  /** Null when there is any problem. */
  spec: Spec | null;
  problems: ConfigProblem[];
}

/**
 * Schema, checks and build of one kind as a function of a value, placing problems with `at`:
 * what loading a YAML document does, also usable on a JSON value from the API.
 */
export type DocumentChecker<Spec> = (value: unknown, at: ProblemLocator) => CheckedDocument<Spec>;

/** The document checker of a kind's definition (Ajv compiles each schema object once). */
export function documentChecker<S extends TSchema, Spec>(definition: KindDefinition<S, Spec>): DocumentChecker<Spec> {
  const validate = ajv.compile<Static<S>>(definition.schema);
  return (value, at) => {
    if (!validate(value)) return { spec: null, problems: schemaProblems(validate.errors ?? [], at) };
    const problems = definition.check?.(value, at) ?? [];
    return { spec: problems.length === 0 ? definition.build(value) : null, problems };
  };
}

/** Turns a kind's definition into the uniform `ConfigKind` the registry holds. */
export function defineKind<S extends TSchema, Spec>(definition: KindDefinition<S, Spec>): ConfigKind {
  const checker = documentChecker(definition);
  return {
    kind: definition.kind,
    collect() {
      const loaded: Loaded<Spec>[] = [];
      return {
        load(doc, problems) {
          const { spec, problems: found } = checker(doc.value, doc);
          problems.push(...found);
          if (spec !== null) loaded.push({ spec, doc });
        },
        assemble: (config) => definition.assemble(loaded.map((l) => l.spec), config),
        crossCheck: (context, problems) => definition.crossCheck?.(loaded, context, problems),
      };
    },
  };
}
