// Wildcards of one field in the rule index, found by their literal ends instead of being tested
// one by one.
//
// Design note. A text can match a glob only if it starts with the glob's first literal part and
// ends with its last (`qcs::cvm:*:instance/ins-1` needs both "qcs::cvm:" and ":instance/ins-1").
// Globs are kept in a prefix trie of first parts whose nodes hold suffix tries of last parts,
// so one lookup walks the text forwards once, and backwards once for each first part it
// starts with; globs passing both ends are confirmed with `globMatches` (for the middle parts,
// and for ends that would overlap in a short text) unless they have one star and the text is
// long enough for its ends not to overlap, which settles the match. A glob without a star is its own
// first part with an empty last part, and confirmation makes it an equality test.
import { StringTrie, type Sink } from "./string-trie.js";
import { globMatches, type Glob } from "./wildcard.js";

interface GlobEntry<T> {
  readonly glob: Glob;
  readonly target: T;
  /**
   * For a glob with one star, the text length from which having both ends proves a match
   * (the ends do not overlap); otherwise never (Infinity), and the glob is confirmed.
   */
  readonly settled: number;
}

/** The globs sharing one first part, by last part. */
interface Tails<T> {
  readonly tails: StringTrie<GlobEntry<T>>;
  size: number;
}

/** Wildcard globs of one field, each leading to a target. */
export class GlobIndex<T> {
  private readonly heads = new StringTrie<Tails<T>>(false);
  /** The lookup in progress (lookups do not nest), kept here so a lookup allocates nothing. */
  private text = "";
  private sink: Sink<T> | undefined;
  private readonly headSink: Sink<Tails<T>> = { visit: (tails) => tails.tails.collect(this.text, this.tailSink) };
  private readonly tailSink: Sink<GlobEntry<T>> = {
    visit: (entry) => {
      if (entry.settled <= this.text.length || globMatches(entry.glob, this.text)) this.sink?.visit(entry.target);
    },
  };

  /** Whether no glob is stored. */
  get isEmpty(): boolean {
    return this.heads.isEmpty;
  }

  /** Adds a glob leading to `target`. */
  add(glob: Glob, target: T): void {
    const [head, tail] = ends(glob);
    let tails = this.heads.find(head)?.[0];
    if (!tails) {
      tails = { tails: new StringTrie(true), size: 0 };
      this.heads.add(head, tails);
    }
    const settled = glob.parts.length === 2 ? head.length + tail.length : Number.POSITIVE_INFINITY;
    tails.tails.add(tail, { glob, target, settled });
    tails.size++;
  }

  /** Removes a glob added with the same target. */
  remove(glob: Glob, target: T): void {
    const [head, tail] = ends(glob);
    const tails = this.heads.find(head)?.[0];
    const entry = tails?.tails.find(tail)?.find((e) => e.glob === glob && e.target === target);
    if (!tails || !entry) return;
    tails.tails.remove(tail, entry);
    if (--tails.size === 0) this.heads.remove(head, tails);
  }

  /** Visits the target of every glob matching `text`. */
  collect(text: string, sink: Sink<T>): void {
    this.text = text;
    this.sink = sink;
    this.heads.collect(text, this.headSink);
    this.sink = undefined;
  }
}

/** The literal parts a matching text must start and end with. */
function ends(glob: Glob): [string, string] {
  const { parts } = glob;
  if (parts.length === 1) return [parts[0] ?? "", ""];
  return [parts[0] ?? "", parts[parts.length - 1] ?? ""];
}
