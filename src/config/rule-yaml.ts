// One `kind: Rule` document given as YAML text (the console's editor, `PUT /api/v1/rules/:name`
// with a YAML body), checked exactly as a rule in a config file is: the same YAML parser and
// settings as `read-file.ts`, the same schema and checks (`checkRuleValue`, which the loader's
// Rule kind and `validateRuleDocument` share), every problem at the line and column
// `reflex validate` would give (the YAML node, or its key for an unknown field).
import { isJsonObject } from "../core/json.js";
import type { RuleDocumentOptions } from "./kinds/rule.js";
import { checkRuleValue } from "./kinds/rule.js";
import { parseConfigText } from "./read-file.js";
import type { RuleSpec } from "./types.js";

/** A problem in the YAML text: 1-based line and column (0 for the text as a whole), pointer, message. */
export interface RuleYamlProblem {
  line: number;
  col: number;
  pointer: string;
  message: string;
}

/** What checking the text found: the spec (defaults filled in) and the document's value when valid. */
export interface RuleYamlResult {
  spec: RuleSpec | null;
  /** The document as JSON values, without `kind`; null when the text is not one YAML mapping. */
  value: Record<string, unknown> | null;
  problems: RuleYamlProblem[];
}

/**
 * Checks YAML text holding one Rule document (`kind: Rule` may be left out). `options.name`
 * and `options.config` are as for `validateRuleDocument`. Never throws for anything in `text`.
 */
export function validateRuleYaml(text: string, options: RuleDocumentOptions = {}): RuleYamlResult {
  const parsed = parseConfigText(text, "rule");
  const problems: RuleYamlProblem[] = parsed.problems.map(({ line, col, pointer, message }) => ({ line, col, pointer, message }));
  if (problems.length > 0) return { spec: null, value: null, problems };
  const [doc, second] = parsed.documents;
  if (doc === undefined) return { spec: null, value: null, problems: [{ line: 0, col: 0, pointer: "", message: "the text holds no YAML document; write one rule: `name`, `pattern` and `targets`" }] };
  if (second !== undefined) {
    const { line, col } = second.start();
    return { spec: null, value: null, problems: [{ line, col, pointer: "", message: "the text holds more than one YAML document; check one rule at a time (remove this `---` and what follows)" }] };
  }
  if (!isJsonObject(doc.value)) {
    const { line, col } = doc.start();
    return { spec: null, value: null, problems: [{ line, col, pointer: "", message: "a rule is a YAML mapping with at least `name`, `pattern` and `targets`" }] };
  }
  const { kind, ...value } = doc.value;
  if (kind !== undefined && kind !== "Rule") {
    const { line, col } = doc.position("/kind");
    return { spec: null, value, problems: [{ line, col, pointer: "/kind", message: `kind is ${JSON.stringify(kind)}; only a 'kind: Rule' document is checked here` }] };
  }
  const checked = checkRuleValue(value, doc, options);
  return { spec: checked.spec, value, problems: checked.problems.map(({ line, col, pointer, message }) => ({ line, col, pointer, message })) };
}
