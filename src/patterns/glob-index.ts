// Wildcards of one field in the rule index, found by their literal ends instead of being tested
// one by one.
//
// Design note. A text can match a glob only if it starts with the glob's first literal part and
// ends with its last (`qcs::cvm:*:instance/ins-1` needs both "qcs::cvm:" and ":instance/ins-1").
// Globs are kept in a suffix trie of last parts whose nodes hold prefix tries of first parts:
// the last part goes first because wildcards over resource names end in what tells them apart
// (an instance id after a shared `qcs::cvm:…:uin/…` or `arn:aws:…` head), so one lookup by the
// text's end — by hash when the last parts come in one or two lengths, as ids do — usually
// ends the search, where the first parts would all be passed through. Globs passing both ends
// are confirmed with `globMatches` (for the middle parts, and for ends that would overlap in a
// short text) unless they have one star and the text is long enough for its ends not to
// overlap, which settles the match. A glob without a star is its own first part with an empty
// last part, and confirmation makes it an equality test.
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

/** The globs sharing one last part, by first part. */
interface Heads<T> {
  readonly heads: StringTrie<GlobEntry<T>>;
  size: number;
}

/** Wildcard globs of one field, each leading to a target. */
export class GlobIndex<T> {
  private readonly tails = new StringTrie<Heads<T>>(true);
  /** The lookup in progress (lookups do not nest), kept here so a lookup allocates nothing. */
  private text = "";
  private sink: Sink<T> | undefined;
  private readonly tailSink: Sink<Heads<T>> = { visit: (heads) => heads.heads.collect(this.text, this.headSink) };
  private readonly headSink: Sink<GlobEntry<T>> = {
    visit: (entry) => {
      if (entry.settled <= this.text.length || globMatches(entry.glob, this.text)) this.sink?.visit(entry.target);
    },
  };

  /** Whether no glob is stored. */
  get isEmpty(): boolean {
    return this.tails.isEmpty;
  }

  /** Adds a glob leading to `target`. */
  add(glob: Glob, target: T): void {
    const [head, tail] = ends(glob);
    let heads = this.tails.find(tail)?.[0];
    if (!heads) {
      heads = { heads: new StringTrie(false), size: 0 };
      this.tails.add(tail, heads);
    }
    const settled = glob.parts.length === 2 ? head.length + tail.length : Number.POSITIVE_INFINITY;
    heads.heads.add(head, { glob, target, settled });
    heads.size++;
  }

  /** Removes a glob added with the same target. */
  remove(glob: Glob, target: T): void {
    const [head, tail] = ends(glob);
    const heads = this.tails.find(tail)?.[0];
    const entry = heads?.heads.find(head)?.find((e) => e.glob === glob && e.target === target);
    if (!heads || !entry) return;
    heads.heads.remove(head, entry);
    if (--heads.size === 0) this.tails.remove(tail, heads);
  }

  /** Visits the target of every glob matching `text`. */
  collect(text: string, sink: Sink<T>): void {
    this.text = text;
    this.sink = sink;
    this.tails.collect(text, this.tailSink);
    this.sink = undefined;
  }
}

/** The literal parts a matching text must start and end with. */
function ends(glob: Glob): [string, string] {
  const { parts } = glob;
  if (parts.length === 1) return [parts[0] ?? "", ""];
  return [parts[0] ?? "", parts[parts.length - 1] ?? ""];
}
