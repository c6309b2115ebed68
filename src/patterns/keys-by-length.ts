// The keys of a StringTrie by length, so that a trie whose keys come in one or two lengths can
// be looked up by hashing instead of walking: the literal ends of wildcards often do (every
// `…:instance/<id>` end of `resource` globs is as long as the next), and walking such a trie
// reads a node per branching character, most of them cold at 10,000 rules, where a slice of
// the text and one hash probe read one entry.
//
// Design note. The trie stays the structure of record (it answers every other lookup and
// every change); this is a second view of its keys, kept in step by the trie: each key with
// its target list (the trie node's own array) and a count of keys per length. Hashing is used
// while the keys have at most MAX_HASHED_LENGTHS distinct lengths and there are at least
// MIN_HASHED_KEYS of them (a trie of one key compares it directly). Most lookups find nothing
// (an event's instance id among the ids a thousand wildcards end with), so a large map has a
// bit filter in front, read over the text's window before any slice is made (key-filter.ts).
import type { Sink } from "./string-trie.js";
import { KeyFilter } from "./key-filter.js";

/** Most distinct key lengths looked up by hash: one slice and probe per length. */
const MAX_HASHED_LENGTHS = 2;
/** Fewest keys worth a hash lookup. */
const MIN_HASHED_KEYS = 2;

/** Keys (in text order) to their targets, with the distinct lengths they come in. */
export class KeysByLength<T> {
  private readonly byKey = new Map<string, readonly T[]>();
  private readonly counts = new Map<number, number>();
  private filter: KeyFilter | undefined;
  /** The distinct key lengths while lookups go by hash, else `undefined`. */
  private lengths: number[] | undefined;

  /** Whether lookups go by hash (see collect). */
  get hashed(): boolean {
    return this.lengths !== undefined;
  }

  /** Records `key` as holding `targets` (the same array for as long as the key exists). */
  set(key: string, targets: readonly T[]): void {
    if (this.byKey.has(key)) return;
    this.byKey.set(key, targets);
    this.counts.set(key.length, (this.counts.get(key.length) ?? 0) + 1);
    this.refresh(key);
  }

  /** Forgets `key` (its last target is gone). */
  delete(key: string): void {
    if (!this.byKey.delete(key)) return;
    const left = (this.counts.get(key.length) ?? 1) - 1;
    if (left > 0) this.counts.set(key.length, left);
    else this.counts.delete(key.length);
    this.refresh(undefined);
  }

  /** Visits the targets of every key that is a prefix (suffix when `fromEnd`) of `text`; only while `hashed`. */
  collect(text: string, fromEnd: boolean, sink: Sink<T>): void {
    const lengths = this.lengths as number[];
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i] as number;
      if (length > text.length) continue;
      const start = fromEnd ? text.length - length : 0;
      if (this.filter !== undefined && !this.filter.mayHave(text, start, length)) continue;
      const targets = this.byKey.get(text.slice(start, start + length));
      if (targets !== undefined) for (let j = 0; j < targets.length; j++) sink.visit(targets[j] as T);
    }
  }

  private refresh(added: string | undefined): void {
    this.filter = KeyFilter.refreshed(this.filter, this.byKey, added);
    this.lengths = this.counts.size <= MAX_HASHED_LENGTHS && this.byKey.size >= MIN_HASHED_KEYS ? [...this.counts.keys()] : undefined;
  }
}
