// A rule made ready to run: its templates (throttle, dedupe and group keys; each target's
// templated fields) compiled once, with the JSON pointer of each template in the rule, so a
// template that fails while rendering is reported at its place. The spec hash tells whether a
// rule changed between two configurations, so only changed rules are compiled again.
import { createHash } from "node:crypto";
import type { DocumentOrigin, RuleSpec, TargetSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import { compileTemplate } from "../expr/index.js";
import type { CompiledTemplate } from "../expr/index.js";

/** Where a rule is defined: a config file, or the API (stored in the database). */
export type RuleOrigin = DocumentOrigin | "api";

/** One target with its templated fields compiled. */
export interface CompiledTarget {
  readonly spec: TargetSpec;
  /** Position in the rule's `targets`; its templates' pointers start at `/targets/<index>`. */
  readonly index: number;
  /**
   * The templated fields as one object: `{url, headers, body?}` (http), `{input}` (workflow),
   * `{message?}` (notify), `{subject?, topic?, …, body?}` (queue), `{input?}` (function). Rendering it gives the same object
   * with values filled in.
   */
  readonly fields: CompiledTemplate;
}

/** A rule ready to match and deliver. */
export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly hash: string;
  readonly origin: RuleOrigin;
  /** Key templates of the rule's throttle, dedupe and group, when it has them. */
  readonly keys: { readonly throttle?: CompiledTemplate; readonly dedupe?: CompiledTemplate; readonly group?: CompiledTemplate };
  readonly targets: readonly CompiledTarget[];
}

/** A stable digest of a rule spec: equal specs, equal hashes. */
export function ruleSpecHash(spec: RuleSpec): string {
  return createHash("sha256").update(JSON.stringify(spec)).digest("hex");
}

/** Compiles a rule's templates; throws a TemplateError (with its pointer) when one does not parse. */
export function compileRule(spec: RuleSpec, origin: RuleOrigin, hash = ruleSpecHash(spec)): CompiledRule {
  const keys: { throttle?: CompiledTemplate; dedupe?: CompiledTemplate; group?: CompiledTemplate } = {};
  if (spec.throttle) keys.throttle = compileTemplate(spec.throttle.key, "/throttle/key");
  if (spec.dedupe) keys.dedupe = compileTemplate(spec.dedupe.key, "/dedupe/key");
  if (spec.group) keys.group = compileTemplate(spec.group.by, "/group/by");
  const targets = spec.targets.map((target, index) => ({ spec: target, index, fields: compileTemplate(templatedFields(target), `/targets/${index}`) }));
  return { spec, hash, origin, keys, targets };
}

/** The fields of a target that may hold templates, under their names in the target. */
function templatedFields(target: TargetSpec): JsonObject {
  switch (target.type) {
    case "http":
      return target.body === undefined ? { url: target.url, headers: target.headers } : { url: target.url, headers: target.headers, body: target.body };
    case "workflow":
      return { input: target.input };
    case "notify":
      return target.message === undefined ? {} : { message: target.message };
    case "queue":
      // The destination fields sit at the target's top level in the document, so here too.
      return target.body === undefined ? { ...target.destination } : { ...target.destination, body: target.body };
    case "function":
      return target.input === undefined ? {} : { input: target.input };
  }
}
