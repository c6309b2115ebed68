// Flattening an event for matching: every leaf value (string, number, boolean, null) under its
// path of object keys joined with ".", as event-ruler and quamina see events. Array elements
// share their array's path, so `{"tags": ["a", "b"]}` gives two leaves at `tags`; empty arrays
// and empty objects give none, which is why they never satisfy `exists: true`.
//
// Design note. Each leaf inside arrays remembers its trail — for every array on the way down,
// the array's number and the element's index — so that fields matched together can be required
// to come from the same element (array consistency, see evaluate-branch.ts). Only paths some
// pattern can use are walked: the caller passes the set of path prefixes its patterns mention,
// and whole subtrees outside it are skipped, which keeps flattening cost tied to what the rules
// look at rather than to the size of the event. (The rule index flattens the same way into
// numbered slots it reuses between events, slot-leaves.ts.)
import { isJsonObject } from "../core/json.js";
import type { JsonLeaf } from "./value-matchers.js";

/** One leaf value of an event. */
export interface Leaf {
  readonly value: JsonLeaf;
  /** `[arrayNo, index, arrayNo, index, …]` from the root, or `undefined` outside arrays. */
  readonly trail: readonly number[] | undefined;
}

/** An event's leaves by path. */
export interface FlatEvent {
  readonly leaves: ReadonlyMap<string, Leaf[]>;
  /** True when some leaf lies inside an array (so array consistency may matter). */
  readonly hasArrays: boolean;
}

/** The set of paths (and path prefixes) worth walking. */
export interface PathFilter {
  has(path: string): boolean;
}

/** `"a.b.c"` → `["a", "a.b", "a.b.c"]`: the prefixes a flattening walk passes through. */
export function pathPrefixes(path: string): string[] {
  const prefixes: string[] = [];
  let from = 0;
  for (;;) {
    const dot = path.indexOf(".", from);
    if (dot < 0) break;
    prefixes.push(path.slice(0, dot));
    from = dot + 1;
  }
  prefixes.push(path);
  return prefixes;
}

interface Walk {
  readonly leaves: Map<string, Leaf[]>;
  readonly wanted: PathFilter;
  hasArrays: boolean;
  arrays: number;
}

/** Flattens an event; `undefined` when the event is not a JSON object (nothing can match it). */
export function flattenEvent(event: unknown, wanted: PathFilter): FlatEvent | undefined {
  if (!isJsonObject(event)) return undefined;
  const walk: Walk = { leaves: new Map(), wanted, hasArrays: false, arrays: 0 };
  walkObject(event, undefined, undefined, walk);
  return { leaves: walk.leaves, hasArrays: walk.hasArrays };
}

function walkObject(obj: Readonly<Record<string, unknown>>, path: string | undefined, trail: readonly number[] | undefined, walk: Walk): void {
  for (const key of Object.keys(obj)) {
    const childPath = path === undefined ? key : `${path}.${key}`;
    if (walk.wanted.has(childPath)) walkValue(obj[key], childPath, trail, walk);
  }
}

function walkValue(value: unknown, path: string, trail: readonly number[] | undefined, walk: Walk): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    const leaf: Leaf = { value, trail };
    const list = walk.leaves.get(path);
    if (list) list.push(leaf);
    else walk.leaves.set(path, [leaf]);
    if (trail !== undefined) walk.hasArrays = true;
  } else if (Array.isArray(value)) {
    const arrayNo = walk.arrays++;
    for (let i = 0; i < value.length; i++) walkValue(value[i], path, trail ? [...trail, arrayNo, i] : [arrayNo, i], walk);
  } else if (isJsonObject(value)) {
    walkObject(value, path, trail, walk);
  }
}
