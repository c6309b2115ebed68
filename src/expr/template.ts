// `{{ … }}` templates over JSON documents: rule inputs, webhook mappings, workflow parameters.
//
// - Any string in the document may hold `{{ JSONata }}`; objects and arrays are walked
//   recursively (object keys are literal). Everything is compiled once, up front, so a syntax
//   error is reported with the pointer of its string before anything runs; then `render` runs
//   many times.
// - The render context object is the JSONata input: its keys are top-level names, so with
//   `render({ event, data })` a template writes `{{ event.subject }}` or `{{ data.x }}`, and a
//   webhook mapping rendered with `{ body }` writes `{{ body.alert }}`. `$` is the whole context.
// - A string that is exactly one `{{ … }}` (surrounding whitespace aside) keeps the value's
//   type: object, list, number, boolean or null; when the expression selects nothing it
//   renders as null.
// - Text mixed with expressions is interpolated: strings as they are, numbers and booleans in
//   their usual form, objects, lists and null as JSON; an expression that selects nothing
//   adds nothing.
// - Every evaluation runs under the guard rails of `jsonata-eval.ts`.
import type { JsonValue } from "../core/json.js";
import { pointerSegment } from "../core/json.js";
import { compileExpression } from "./jsonata-eval.js";
import type { CompiledExpression, EvalLimits, ExpressionFunctions } from "./jsonata-eval.js";
import { parseTemplateString } from "./template-parse.js";

/** What a template renders against: the JSONata input, one top-level name per key. */
export type TemplateContext = Readonly<Record<string, JsonValue | undefined>>;

/** A template compiled once and rendered many times. */
export interface CompiledTemplate {
  /** Renders the template against `context`, with extra `functions` if given; rejects with a TemplateError. */
  render(context: TemplateContext, functions?: ExpressionFunctions): Promise<JsonValue>;
}

/** A compiled node of the template tree. */
type Node =
  | { kind: "literal"; value: JsonValue }
  | { kind: "whole"; expr: CompiledExpression }
  | { kind: "text"; parts: (string | CompiledExpression)[] }
  | { kind: "array"; items: Node[] }
  | { kind: "object"; entries: [string, Node][] };

/**
 * Compiles every `{{ … }}` in `value`. Throws a TemplateError carrying the pointer (under
 * `pointer`) of the first string whose template does not parse.
 */
export function compileTemplate(value: JsonValue, pointer = "", limits: Partial<EvalLimits> = {}): CompiledTemplate {
  const root = compileNode(value, pointer, limits);
  return { render: (context, functions) => renderNode(root, context, functions) };
}

function compileNode(value: JsonValue, pointer: string, limits: Partial<EvalLimits>): Node {
  if (Array.isArray(value)) {
    return { kind: "array", items: value.map((item, i) => compileNode(item, `${pointer}/${i}`, limits)) };
  }
  if (value !== null && typeof value === "object") {
    return {
      kind: "object",
      entries: Object.entries(value).map(([k, v]) => [k, compileNode(v, `${pointer}/${pointerSegment(k)}`, limits)]),
    };
  }
  if (typeof value !== "string") return { kind: "literal", value };
  const parts = parseTemplateString(value, pointer);
  const exprs = parts.filter((p) => p.kind === "expr");
  if (exprs.length === 0) return { kind: "literal", value };
  const onlyExpr = exprs.length === 1 && parts.every((p) => p.kind === "expr" || p.text.trim() === "");
  if (onlyExpr && exprs[0] !== undefined) {
    return { kind: "whole", expr: compileExpression(exprs[0].source, pointer, limits) };
  }
  return {
    kind: "text",
    parts: parts.map((p) => (p.kind === "text" ? p.text : compileExpression(p.source, pointer, limits))),
  };
}

async function renderNode(node: Node, context: TemplateContext, functions: ExpressionFunctions | undefined): Promise<JsonValue> {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "whole":
      return (await node.expr.evaluate(context, functions)) ?? null;
    case "text": {
      let out = "";
      for (const part of node.parts) out += typeof part === "string" ? part : asText(await part.evaluate(context, functions));
      return out;
    }
    case "array": {
      const items: JsonValue[] = [];
      for (const item of node.items) items.push(await renderNode(item, context, functions));
      return items;
    }
    case "object": {
      const entries: [string, JsonValue][] = [];
      for (const [k, v] of node.entries) entries.push([k, await renderNode(v, context, functions)]);
      return Object.fromEntries(entries);
    }
  }
}

/** How a value reads inside text. */
function asText(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
