// A trie of strings keyed by UTF-16 code unit, for `prefix` and (built from the end) `suffix`
// patterns in the rule index: one walk along an event value visits every stored prefix (or
// suffix) of it, in time bounded by the value's length whatever the number of patterns.
interface TrieNode<T> {
  children: Map<number, TrieNode<T>> | undefined;
  targets: Set<T> | undefined;
}

function newNode<T>(): TrieNode<T> {
  return { children: undefined, targets: undefined };
}

/** Maps strings to targets; `collect` yields the targets of every key that is a prefix (or suffix) of a text. */
export class StringTrie<T> {
  private readonly root: TrieNode<T> = newNode();

  /** `fromEnd` builds the trie over reversed strings, so stored keys act as suffixes. */
  constructor(private readonly fromEnd: boolean) {}

  /** Adds `target` under `key`. */
  add(key: string, target: T): void {
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const unit = this.unitAt(key, i);
      node.children ??= new Map();
      let child = node.children.get(unit);
      if (!child) {
        child = newNode();
        node.children.set(unit, child);
      }
      node = child;
    }
    (node.targets ??= new Set()).add(target);
  }

  /** Removes `target` from `key`, pruning nodes left empty. */
  remove(key: string, target: T): void {
    const path: TrieNode<T>[] = [this.root];
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; i < key.length && node; i++) {
      node = node.children?.get(this.unitAt(key, i));
      if (node) path.push(node);
    }
    if (!node) return;
    node.targets?.delete(target);
    if (node.targets?.size === 0) node.targets = undefined;
    for (let depth = path.length - 1; depth > 0; depth--) {
      const current = path[depth];
      const parent = path[depth - 1];
      if (!current || !parent || current.targets || current.children?.size) break;
      parent.children?.delete(this.unitAt(key, depth - 1));
      if (parent.children?.size === 0) parent.children = undefined;
    }
  }

  /** Visits the targets of every stored key that is a prefix (suffix when `fromEnd`) of `text`. */
  collect(text: string, visit: (target: T) => void): void {
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; node; i++) {
      if (node.targets) for (const target of node.targets) visit(target);
      if (i >= text.length) break;
      node = node.children?.get(this.unitAt(text, i));
    }
  }

  private unitAt(text: string, i: number): number {
    return text.charCodeAt(this.fromEnd ? text.length - 1 - i : i);
  }
}
