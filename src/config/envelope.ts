// The two fields every config document carries before anything else can be said about it:
// `kind`, which picks the schema the rest is checked against, and `name`, which identifies the
// document (`Kind/name` must be unique across the directory). A document that is not a mapping
// or has no known kind cannot be checked further; its problem says what would fix it.
import type { ConfigDocument } from "./config-document.js";
import { NAME_PATTERN } from "./kinds/common.js";
import type { ConfigKind } from "./kinds/kind.js";
import type { ConfigProblem } from "./problem.js";
import { didYouMean } from "./suggest.js";

/** The kind of a document and, when it is valid, its name (the kind's schema reports a bad one). */
export type Envelope = { kind: ConfigKind; name: string | undefined; problem?: undefined } | { problem: ConfigProblem };

/** Reads `kind` and `name` of `doc` against the known `kinds`. */
export function readEnvelope(doc: ConfigDocument, kinds: readonly ConfigKind[]): Envelope {
  const known = kinds.map((k) => k.kind);
  const value = doc.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = Array.isArray(value) ? "a list" : value === null ? "null" : `the ${typeof value} ${JSON.stringify(value)}`;
    return { problem: doc.problem("", `a config document must be a mapping with 'kind' and 'name'; this one is ${got}`) };
  }
  const record: Record<string, unknown> = { ...value };
  const kindValue = record["kind"];
  if (kindValue === undefined) {
    return { problem: doc.problem("/kind", `missing 'kind'; known kinds: ${known.join(", ")}`) };
  }
  const kind = kinds.find((k) => k.kind === kindValue);
  if (kind === undefined) {
    const text = typeof kindValue === "string" ? kindValue : JSON.stringify(kindValue);
    const hint = typeof kindValue === "string" ? didYouMean(kindValue, known) : "";
    return { problem: doc.problem("/kind", `unknown kind '${text}'; known kinds: ${known.join(", ")}${hint}`) };
  }
  const name = record["name"];
  return { kind, name: typeof name === "string" && NAME_PATTERN.test(name) ? name : undefined };
}
