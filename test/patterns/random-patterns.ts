// Random patterns and events over a few shared paths and values, so that they often match: every
// operator kind, nested and dotted paths, `$or`, bare scalars; events with nested objects and
// arrays of leaves and of objects. Shared by the property tests that compare two ways of
// answering one question (the rule index, explanations) with per-pattern evaluation.
import fc from "fast-check";

const STRINGS = ["cvm", "cvm.cloud", "ins-1", "ins-12", "INS-1", "", "a", "ab", "b.png", "10.0.0.5", "2001:db8::1", "σ", "Σ"];
const NUMBERS = [0, -1, 1, 1.5, 90, 100, 300];
const PATHS = ["source", "subject", "region", "data.cpu", "data.state", "data.tags", "data.items.name", "data.items.used", "data.items.tags", "a.b"];

const str = fc.constantFrom(...STRINGS);
const num = fc.constantFrom(...NUMBERS);
const leaf = fc.oneof(str, num, fc.boolean(), fc.constant(null));

const matchItem: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 2, arbitrary: str.map((s) => ({ prefix: s.slice(0, 3) })) },
  { weight: 1, arbitrary: str.map((s) => ({ prefix: { "equals-ignore-case": s.slice(0, 2) } })) },
  { weight: 1, arbitrary: fc.constantFrom(".png", "1", "", "2").map((s) => ({ suffix: s })) },
  { weight: 1, arbitrary: str.map((s) => ({ suffix: { "equals-ignore-case": s.slice(-2) } })) },
  { weight: 1, arbitrary: str.map((s) => ({ "equals-ignore-case": s })) },
  { weight: 1, arbitrary: fc.constantFrom("*", "in*", "*1", "i*-*", "", "c*.*d", "a\\*b").map((w) => ({ wildcard: w })) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      str,
      num,
      fc.uniqueArray(str, { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(num, { minLength: 1, maxLength: 3 }),
      fc.constantFrom("c", "in", "a").map((p) => ({ prefix: p })),
      fc.constantFrom("1", "png").map((p) => ({ suffix: [p, "x"] })),
      str.map((s) => ({ "equals-ignore-case": [s] })),
      fc.constantFrom("*1", "c*").map((w) => ({ wildcard: w })),
    ).map((operand) => ({ "anything-but": operand })),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.tuple(fc.constantFrom("=", "<", "<=", ">", ">="), num).map(([op, n]) => [op, n]),
      fc.tuple(fc.constantFrom(">", ">="), num, fc.constantFrom("<", "<="), num).map(([a, lo, b, hi]) => (lo <= hi ? [a, lo, b, hi + 1] : [a, hi, b, lo + 1])),
    ).map((operand) => ({ numeric: operand })),
  },
  { weight: 2, arbitrary: fc.boolean().map((exists) => ({ exists })) },
  { weight: 1, arbitrary: fc.constantFrom("10.0.0.0/8", "2001:db8::/32", "0.0.0.0/0").map((cidr) => ({ cidr })) },
  { weight: 1, arbitrary: fc.constantFrom("^ins-\\d+$", "1", "(?i)^cvm").map((regex) => ({ regex })) },
);

/** A field: its path, how it is written (nested objects or dotted keys), and its match list or bare scalar. */
const field = fc.record({
  path: fc.constantFrom(...PATHS),
  dotted: fc.boolean(),
  list: fc.array(matchItem, { minLength: 1, maxLength: 3 }),
  bare: fc.boolean(),
});
type Field = typeof field extends fc.Arbitrary<infer F> ? F : never;

function build(fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const segments = f.dotted ? [f.path] : f.path.split(".");
    let node = out;
    for (const segment of segments.slice(0, -1)) {
      const next = node[segment];
      node = next !== null && typeof next === "object" && !Array.isArray(next) ? (next as Record<string, unknown>) : (node[segment] = {});
    }
    const only = f.list[0];
    const scalar = f.list.length === 1 && (only === null || typeof only !== "object");
    node[segments[segments.length - 1] as string] = f.bare && scalar ? only : f.list;
  }
  return out;
}

/** A random valid-or-invalid pattern: one to three fields, sometimes a `$or` of two or three alternatives. */
export const pattern: fc.Arbitrary<unknown> = fc
  .tuple(fc.array(field, { minLength: 1, maxLength: 3 }), fc.option(fc.array(fc.array(field, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 })))
  .map(([fields, or]) => {
    const p = build(fields);
    return or ? { ...p, $or: or.map(build) } : p;
  });

const valueOrList = fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) });
const item = fc.record({ name: valueOrList, used: valueOrList, tags: valueOrList }, { requiredKeys: [] });
/** A random event over the same paths: nested objects, arrays of leaves and of objects, a dotted key. */
export const event = fc.record(
  {
    source: valueOrList,
    subject: valueOrList,
    region: valueOrList,
    data: fc.record({ cpu: valueOrList, state: valueOrList, tags: valueOrList, items: fc.oneof(item, fc.array(item, { maxLength: 3 })) }, { requiredKeys: [] }),
    "a.b": valueOrList,
    a: fc.record({ b: valueOrList }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
