// An event flattened for the rule index: its leaf values by path slot (path-table.ts), in
// arrays the index keeps and reuses from one event to the next, so flattening allocates
// nothing per leaf outside arrays.
//
// Design note. The walk follows the key tree from the root, so it visits only keys some
// condition can use and never builds a path string. Each slot's list is valid for the event
// whose number it was stamped with; a new event just takes the next number, so nothing is
// cleared between events (a slot's first leaf of an event goes into a one-element list the
// slot keeps, a second one starts a fresh list). Leaves inside arrays also keep their trail
// (see flatten-event.ts), and a slot remembers whether any of its leaves has one: a matched
// branch needs the array consistency check only when two of its conditions sit on such slots.
import type { FlatEvent, Leaf } from "./flatten-event.js";
import type { PathNode } from "./path-table.js";
import type { JsonLeaf } from "./value-matchers.js";
import type { Branch } from "./field-condition.js";

type Trail = readonly number[] | undefined;

/** Leaf values of the current event by slot. */
export class SlotLeaves {
  private readonly values: JsonLeaf[][] = [];
  /** Per slot, a one-element list reused for every event with a single leaf there (most slots of most events), so flattening allocates nothing for them. */
  private readonly singles: JsonLeaf[][] = [];
  /** Trails aligned with `values`, or `undefined` when no leaf of the slot is inside an array. */
  private readonly trails: (Trail[] | undefined)[] = [];
  private readonly stamps: number[] = [];
  private event = 0;
  private arrays = 0;
  /** True when some leaf of the current event lies inside an array. */
  hasArrays = false;

  /** Flattens `event` (a JSON object) along the key tree rooted at `root`. */
  load(event: Readonly<Record<string, unknown>>, root: PathNode): void {
    this.event++;
    this.arrays = 0;
    this.hasArrays = false;
    this.walkObject(event, root, undefined);
  }

  /** The leaf values at `slot`, or `undefined` when the event has none there. */
  at(slot: number): readonly JsonLeaf[] | undefined {
    return this.stamps[slot] === this.event ? this.values[slot] : undefined;
  }

  /** Whether some leaf at `slot` lies inside an array. */
  trailed(slot: number): boolean {
    return this.stamps[slot] === this.event && this.trails[slot] !== undefined;
  }

  /** The event as the reference evaluator sees it, restricted to a branch's paths. */
  flatFor(branch: Branch, slots: readonly number[]): FlatEvent {
    const leaves = new Map<string, Leaf[]>();
    branch.forEach((condition, i) => {
      const slot = slots[i] as number;
      const values = this.at(slot);
      const trails = this.trails[slot];
      if (values) leaves.set(condition.path, values.map((value, j) => ({ value, trail: trails?.[j] })));
    });
    return { leaves, hasArrays: this.hasArrays };
  }

  private walkObject(obj: Readonly<Record<string, unknown>>, node: PathNode, trail: Trail): void {
    const next = node.next;
    // `for…in` reads V8's cached key list of the object's shape; `Object.keys` would copy it
    // into a new array per object per event. Inherited keys are skipped where they would count.
    for (const key in obj) {
      const child = next.get(key);
      if (child !== undefined && Object.hasOwn(obj, key)) this.walkValue(obj[key], child, trail);
    }
  }

  private walkValue(value: unknown, node: PathNode, trail: Trail): void {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      if (node.slot >= 0) this.push(node.slot, value, trail);
    } else if (Array.isArray(value)) {
      const arrayNo = this.arrays++;
      for (let i = 0; i < value.length; i++) this.walkValue(value[i], node, trail ? [...trail, arrayNo, i] : [arrayNo, i]);
    } else if (typeof value === "object" && node.next.size > 0) {
      this.walkObject(value as Readonly<Record<string, unknown>>, node, trail);
    }
  }

  /** Adds a leaf; a slot's first leaf of an event takes the slot's one-element list, a second one a fresh list. */
  private push(slot: number, value: JsonLeaf, trail: Trail): void {
    const values = this.values;
    if (this.stamps[slot] !== this.event) {
      while (this.stamps.length <= slot) {
        this.stamps.push(0);
        values.push([]);
        this.singles.push([null]);
        this.trails.push(undefined);
      }
      this.stamps[slot] = this.event;
      const single = this.singles[slot] as JsonLeaf[];
      single[0] = value;
      values[slot] = single;
      this.trails[slot] = trail === undefined ? undefined : [trail];
    } else {
      let list = values[slot] as JsonLeaf[];
      // A second leaf: a fresh list, as the one-element list is kept for the next events.
      if (list === this.singles[slot]) list = values[slot] = [list[0] as JsonLeaf];
      let trails = this.trails[slot];
      if (trail !== undefined && trails === undefined) trails = this.trails[slot] = new Array<Trail>(list.length).fill(undefined);
      list.push(value);
      trails?.push(trail);
    }
    if (trail !== undefined) this.hasArrays = true;
  }
}
