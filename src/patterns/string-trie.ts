// A radix trie of strings, for the rule index's `prefix` and `suffix` conditions and for the
// literal ends of wildcards and regexes: one walk along an event value visits the targets of
// every stored key that is a prefix (or, built from the end, a suffix) of it, in time bounded
// by the value's length whatever the number of keys.
//
// Design note. Edges carry whole runs of UTF-16 code units, so a node exists only where keys
// branch or end: 10,000 keys such as "payments-api-" cost about one node each instead of one
// per character, and a walk compares a run at a time. A node finds its child by the run's first
// code unit in a short array of (unit, child) pairs while it has few children (a scan of a few
// numbers beats hashing, and one array is one cache line to fetch at 10,000 rules),
// in a map beyond that, plus an array indexed by code unit for printable ASCII (one read; the
// wide nodes are the top of large tries, read on every lookup). A trie holding a single key —
// common: one `type` prefix at a state — tests it directly. A suffix trie stores its keys reversed
// and walks the value from its end; a folding trie (the ignore-case forms) folds the value as
// it walks. A trie whose keys come in one or two lengths is looked up by hash instead
// (keys-by-length.ts). Removing the last target of a key prunes its node and merges a parent
// left with a single child, so the trie stays what its keys would build afresh.

import { foldCase, foldedEndsWith, foldedStartsWith, foldedUnit, NOT_ASCII } from "./case-folding.js";
import { KeysByLength } from "./keys-by-length.js";

/** Receives the targets a lookup finds. */
export interface Sink<T> {
  visit(target: T): void;
}

interface TrieNode<T> {
  /** The code units on the edge into this node, in walk order (reversed for suffix tries). */
  label: string;
  /** While there are few children: each one's first code unit, then the child, side by side (one array to read)… */
  few: (number | TrieNode<T>)[] | undefined;
  /** …and by first code unit once there are more than MAX_SCANNED… */
  byUnit: Map<number, TrieNode<T>> | undefined;
  /** …with the children whose first unit is printable ASCII also in an array indexed by unit - ASCII_FROM. */
  ascii: (TrieNode<T> | undefined)[] | undefined;
  targets: T[] | undefined;
}

const MAX_SCANNED = 8;
/** The code units an `ascii` array covers: printable ASCII, where ids and names branch. */
const ASCII_FROM = 0x20;
const ASCII_TO = 0x7f;

function newNode<T>(label: string): TrieNode<T> {
  return { label, few: undefined, byUnit: undefined, ascii: undefined, targets: undefined };
}

function childOf<T>(node: TrieNode<T>, unit: number): TrieNode<T> | undefined {
  const few = node.few;
  if (few !== undefined) {
    const i = unitIndex(few, unit);
    return i >= 0 ? (few[i + 1] as TrieNode<T>) : undefined;
  }
  // One read of an array slot instead of a hash lookup: the wide nodes sit near the top of large tries.
  if (unit >= ASCII_FROM && unit < ASCII_TO) return node.ascii?.[unit - ASCII_FROM];
  return node.byUnit?.get(unit);
}

/** Sets (adds or replaces) the child whose label starts with `child.label`'s first unit. */
function setChild<T>(node: TrieNode<T>, child: TrieNode<T>): void {
  const unit = child.label.charCodeAt(0);
  if (node.byUnit) {
    node.byUnit.set(unit, child);
    if (unit >= ASCII_FROM && unit < ASCII_TO) (node.ascii as (TrieNode<T> | undefined)[])[unit - ASCII_FROM] = child;
    return;
  }
  const few = (node.few ??= []);
  const i = unitIndex(few, unit);
  if (i >= 0) {
    few[i + 1] = child;
  } else if (few.length < 2 * MAX_SCANNED) {
    few.push(unit, child);
  } else {
    node.byUnit = new Map();
    node.ascii = new Array<TrieNode<T> | undefined>(ASCII_TO - ASCII_FROM).fill(undefined);
    node.few = undefined;
    for (let k = 1; k < few.length; k += 2) setChild(node, few[k] as TrieNode<T>);
    setChild(node, child);
  }
}

/** Where `unit` sits in a node's `few` list (its child follows it), or -1. */
function unitIndex<T>(few: readonly (number | TrieNode<T>)[], unit: number): number {
  for (let i = 0; i < few.length; i += 2) if (few[i] === unit) return i;
  return -1;
}

function deleteChild<T>(node: TrieNode<T>, unit: number): void {
  if (node.byUnit) {
    node.byUnit.delete(unit);
    if (unit >= ASCII_FROM && unit < ASCII_TO) (node.ascii as (TrieNode<T> | undefined)[])[unit - ASCII_FROM] = undefined;
    if (node.byUnit.size === 0) node.byUnit = node.ascii = undefined;
    return;
  }
  const few = node.few;
  const i = few ? unitIndex(few, unit) : -1;
  if (!few || i < 0) return;
  few.splice(i, 2);
  if (few.length === 0) node.few = undefined;
}

function childCount<T>(node: TrieNode<T>): number {
  return node.byUnit?.size ?? (node.few ? node.few.length / 2 : 0);
}

function firstChild<T>(node: TrieNode<T>): TrieNode<T> | undefined {
  return (node.few?.[1] as TrieNode<T> | undefined) ?? node.byUnit?.values().next().value;
}

/** Maps strings to targets; `collect` yields the targets of every key that is a prefix (or suffix) of a text. */
export class StringTrie<T> {
  private readonly root: TrieNode<T> = newNode("");
  /**
   * While the trie holds a single key: that key (in text order) and its targets, so a lookup
   * tests it with one `startsWith`/`endsWith` instead of walking nodes (many tries in an index
   * hold one prefix, such as a state's `type` prefix).
   */
  private sole: string | undefined;
  private soleTargets: T[] | undefined;
  /**
   * The keys by length, for lookups by hash when they come in one or two lengths (not for
   * folding tries, whose lookups fold as they walk); made when a second key arrives, as most
   * tries of an index hold one.
   */
  private byLength: KeysByLength<T> | undefined;

  /** The lookup in progress (lookups of one trie do not nest), read through unitAt. */
  private text = "";
  private folding = false;

  /**
   * `fromEnd` builds the trie over reversed strings, so stored keys act as suffixes; `folds`
   * means the keys are case-folded (case-folding.ts) and lookups compare the text's fold.
   */
  constructor(
    private readonly fromEnd: boolean,
    private readonly folds = false,
  ) {}

  /** Whether no key is stored. */
  get isEmpty(): boolean {
    return this.root.targets === undefined && childCount(this.root) === 0;
  }

  /** Adds `target` under `key`. */
  add(key: string, target: T): void {
    if (!this.folds && this.byLength === undefined && this.sole !== undefined && this.sole !== key) {
      this.byLength = new KeysByLength();
      this.byLength.set(this.sole, this.soleTargets as T[]);
    }
    const walk = this.oriented(key);
    let node = this.root;
    let pos = 0;
    while (pos < walk.length) {
      const child = childOf(node, walk.charCodeAt(pos));
      if (!child) {
        const leaf = newNode<T>(walk.slice(pos));
        setChild(node, leaf);
        node = leaf;
        break;
      }
      const common = commonLength(child.label, walk, pos);
      if (common < child.label.length) {
        // Split the edge: a new node holds the shared run, the old child keeps the rest.
        const middle = newNode<T>(child.label.slice(0, common));
        child.label = child.label.slice(common);
        setChild(middle, child);
        setChild(node, middle);
        node = middle;
      } else {
        node = child;
      }
      pos += common;
    }
    (node.targets ??= []).push(target);
    this.byLength?.set(key, node.targets);
    this.refreshSole();
  }

  /** The targets stored under exactly `key`. */
  find(key: string): readonly T[] | undefined {
    return this.path(this.oriented(key))?.at(-1)?.targets;
  }

  /** Removes one `target` from `key`, pruning what is left empty. */
  remove(key: string, target: T): void {
    this.prune(key, target);
    this.refreshSole();
  }

  private prune(key: string, target: T): void {
    const path = this.path(this.oriented(key));
    const node = path?.at(-1);
    if (!path || !node?.targets) return;
    const i = node.targets.indexOf(target);
    if (i < 0) return;
    node.targets[i] = node.targets[node.targets.length - 1] as T;
    node.targets.pop();
    if (node.targets.length > 0) return;
    node.targets = undefined;
    this.byLength?.delete(key);
    for (let depth = path.length - 1; depth > 0; depth--) {
      const current = path[depth] as TrieNode<T>;
      const parent = path[depth - 1] as TrieNode<T>;
      if (current.targets) break;
      const children = childCount(current);
      if (children === 0) {
        deleteChild(parent, current.label.charCodeAt(0));
        continue;
      }
      if (children === 1) {
        // A node with no targets and one child is a bend in an edge: merge it into the child.
        const only = firstChild(current) as TrieNode<T>;
        only.label = current.label + only.label;
        setChild(parent, only);
      }
      break;
    }
  }

  /** Visits the targets of every stored key that is a prefix (suffix when `fromEnd`) of `text` (of its fold when `folds`). */
  collect(text: string, sink: Sink<T>): void {
    const sole = this.sole;
    if (sole !== undefined) {
      const targets = this.soleTargets as T[];
      if (this.soleHolds(text, sole)) for (let i = 0; i < targets.length; i++) sink.visit(targets[i] as T);
      return;
    }
    const byLength = this.byLength;
    if (byLength?.hashed) return byLength.collect(text, this.fromEnd, sink);
    this.text = text;
    this.folding = this.folds;
    let node = this.root;
    let pos = 0;
    for (;;) {
      const targets = node.targets;
      if (targets) for (let i = 0; i < targets.length; i++) sink.visit(targets[i] as T);
      if (pos >= this.text.length) return;
      const child = childOf(node, this.unitAt(pos));
      if (child === undefined) return;
      const label = child.label;
      if (label.length > this.text.length - pos || !this.continues(label, pos)) return;
      pos += label.length;
      node = child;
    }
  }

  /** Whether the text goes on with `label` at `pos` (its first unit already matched). */
  private continues(label: string, pos: number): boolean {
    if (this.folding) {
      for (let i = 1; i < label.length; i++) if (label.charCodeAt(i) !== this.unitAt(pos + i)) return false;
      return true;
    }
    const text = this.text;
    if (!this.fromEnd) return text.startsWith(label, pos);
    const last = text.length - 1 - pos;
    for (let i = 1; i < label.length; i++) if (label.charCodeAt(i) !== text.charCodeAt(last - i)) return false;
    return true;
  }

  /** Whether the single stored key is a prefix (suffix) of `text`, or of its fold. */
  private soleHolds(text: string, sole: string): boolean {
    if (this.fromEnd) return this.folds ? foldedEndsWith(text, sole) : text.endsWith(sole);
    return this.folds ? foldedStartsWith(text, sole) : text.startsWith(sole);
  }

  /**
   * The walk's `pos`-th code unit of the text being looked up (counted from its end when
   * `fromEnd`). Folding tries fold ASCII units one at a time; at the first other unit the whole
   * text is folded once, and the walk goes on in the folded text (the units before were ASCII,
   * so positions still line up).
   */
  private unitAt(pos: number): number {
    const text = this.text;
    const unit = text.charCodeAt(this.fromEnd ? text.length - 1 - pos : pos);
    if (!this.folding) return unit;
    const folded = foldedUnit(unit);
    if (folded !== NOT_ASCII) return folded;
    this.folding = false;
    this.text = foldCase(text);
    return this.unitAt(pos);
  }

  /** Notes the single key, if the trie holds one (a lone node under the root, or the root itself). */
  private refreshSole(): void {
    const root = this.root;
    const only = childCount(root) === 1 ? (firstChild(root) as TrieNode<T>) : undefined;
    if (root.targets !== undefined && only === undefined && childCount(root) === 0) {
      this.sole = "";
      this.soleTargets = root.targets;
    } else if (root.targets === undefined && only !== undefined && childCount(only) === 0 && only.targets !== undefined) {
      this.sole = this.oriented(only.label);
      this.soleTargets = only.targets;
    } else {
      this.sole = this.soleTargets = undefined;
    }
  }

  /** The nodes from the root to the node of `walk` (an oriented key), if that node exists. */
  private path(walk: string): TrieNode<T>[] | undefined {
    const path = [this.root];
    let node = this.root;
    let pos = 0;
    while (pos < walk.length) {
      const child = childOf(node, walk.charCodeAt(pos));
      if (!child || !walk.startsWith(child.label, pos)) return undefined;
      pos += child.label.length;
      node = child;
      path.push(node);
    }
    return path;
  }

  private oriented(key: string): string {
    if (!this.fromEnd) return key;
    let reversed = "";
    for (let i = key.length - 1; i >= 0; i--) reversed += key[i];
    return reversed;
  }
}

/** How many code units `label` shares with `text` from `pos`. */
function commonLength(label: string, text: string, pos: number): number {
  let n = 0;
  while (n < label.length && pos + n < text.length && label.charCodeAt(n) === text.charCodeAt(pos + n)) n++;
  return n;
}
