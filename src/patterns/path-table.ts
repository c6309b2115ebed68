// The field paths the rule index's conditions name, each numbered with a slot, and the tree of
// event keys that leads to them, so that flattening an event for the index follows the event's
// own keys through a tree instead of building and hashing a path string per key.
//
// Design note. A path such as `data.labels.pod` can be reached through nested objects or
// through keys holding dots (`{"data.labels": {"pod": …}}` flattens to the same path), so
// every node links to each deeper node of the same path by the key that would join them:
// `data` → `labels.pod` as well as `data` → `labels` → `pod`. Nodes and slots are counted:
// a node lives while some path runs through it, a slot while some condition uses its path,
// and a freed slot is given to the next new path, so slot numbers stay small and dense.
import { pathPrefixes } from "./flatten-event.js";

/** One node of the key tree: the flattened path up to here. */
export interface PathNode {
  readonly path: string;
  /** Event keys leading on from here (a key may hold dots). */
  readonly next: Map<string, PathNode>;
  /** The slot of this path when some condition uses it, else -1. */
  slot: number;
  /** Paths in use running through or ending at this node. */
  uses: number;
  /** Users of this path itself (the slot lives while this is above zero). */
  ends: number;
}

function newNode(path: string): PathNode {
  return { path, next: new Map(), slot: -1, uses: 0, ends: 0 };
}

/** Numbered paths and their key tree. */
export class PathTable {
  /** The empty path: the event object itself. */
  readonly root: PathNode = newNode("");
  private readonly nodes = new Map<string, PathNode>();
  private readonly freeSlots: number[] = [];
  private slots = 0;

  /** One more than the highest slot ever given out. */
  get capacity(): number {
    return this.slots;
  }

  /** Counts one more use of `path` and returns its slot. */
  acquire(path: string): number {
    const prefixes = pathPrefixes(path);
    let node = this.root;
    prefixes.forEach((prefix, depth) => {
      let current = this.nodes.get(prefix);
      if (!current) {
        current = newNode(prefix);
        this.nodes.set(prefix, current);
        this.root.next.set(prefix, current);
        for (let i = 0; i < depth; i++) this.nodeAt(prefixes[i] as string).next.set(keyBetween(prefixes[i] as string, prefix), current);
      }
      current.uses++;
      node = current;
    });
    if (node.ends++ === 0) node.slot = this.freeSlots.pop() ?? this.slots++;
    return node.slot;
  }

  /** Counts one use of `path` less, freeing its slot and nodes when unused. */
  release(path: string): void {
    const prefixes = pathPrefixes(path);
    const node = this.nodes.get(path);
    if (!node) return;
    if (--node.ends === 0) {
      this.freeSlots.push(node.slot);
      node.slot = -1;
    }
    prefixes.forEach((prefix, depth) => {
      const current = this.nodeAt(prefix);
      if (--current.uses > 0) return;
      this.nodes.delete(prefix);
      this.root.next.delete(prefix);
      for (let i = 0; i < depth; i++) this.nodes.get(prefixes[i] as string)?.next.delete(keyBetween(prefixes[i] as string, prefix));
    });
  }

  private nodeAt(path: string): PathNode {
    const node = this.nodes.get(path);
    if (!node) throw new Error(`path table: no node for ${JSON.stringify(path)}`);
    return node;
  }
}

/** The key that leads from the node of `outer` to the node of `inner` (`"a"`, `"a.b.c"` → `"b.c"`). */
function keyBetween(outer: string, inner: string): string {
  return inner.slice(outer.length + 1);
}
