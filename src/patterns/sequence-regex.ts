// A direct matcher for the regexes people write most in rules: anchored runs of characters and
// character classes with counts, such as `^payments-api-[0-9a-z]{8,10}-[0-9a-z]{5}$`. re2js
// runs such a regex through its general automaton, ≈ 0.45 µs a test on a pod name; this reads
// each code unit of the value once, ≈ 0.07 µs, and is as linear.
//
// Design note. Only a subset is taken, and only when one greedy pass decides the match: the
// regex starts with `^`; then items, each one ASCII character set (a literal, `.`, `\d \w \s`
// and their negations, an escaped punctuation mark, or a `[…]` class of those and ranges) with
// an optional count (`* + ? {n} {n,} {n,m}`, lazy or not); then an optional `$`. An item whose
// count can vary takes as many characters as it can; that is exact when the next item must
// take at least one character from a set sharing none with it (a shorter take would leave the
// next item facing a character it cannot take), or when it is the last item. Anything else —
// groups, alternation, flags, other escapes, non-ASCII pattern text, overlapping neighbours —
// is left to re2js, and so is any value holding a non-ASCII code unit on the way (RE2 reads
// code points, and a negated set or `.` takes one whole). A test answers true, false, or
// undefined for "ask re2js".

/** Characters that mean something in RE2 syntax outside a class. */
const META = "\\.+*?()|[]{}^$";
/** Largest count RE2 accepts in `{n,m}`. */
const MAX_COUNT = 1000;
const ASCII = 128;

/** A set of ASCII code units. */
type CharSet = boolean[];

function emptySet(): CharSet {
  return new Array<boolean>(ASCII).fill(false);
}

function setOf(test: (unit: number) => boolean): CharSet {
  return Array.from({ length: ASCII }, (_, unit) => test(unit));
}

function single(unit: number): CharSet {
  return setOf((u) => u === unit);
}

const isDigit = (u: number): boolean => u >= 0x30 && u <= 0x39;
const isWord = (u: number): boolean => isDigit(u) || (u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a) || u === 0x5f;
/** RE2's `\s`: tab, newline, form feed, carriage return, space (not vertical tab). */
const isSpace = (u: number): boolean => u === 0x09 || u === 0x0a || u === 0x0c || u === 0x0d || u === 0x20;
const isPunctuation = (u: number): boolean => u > 0x20 && u < 0x7f && !isWord(u);
/** Printable ASCII, the only pattern text taken literally here. */
const isPrintable = (u: number): boolean => u >= 0x20 && u < 0x7f;

/** `\d \w \s \D \W \S` as sets, by their letter. */
const PERL_CLASSES: Readonly<Record<string, CharSet>> = {
  d: setOf(isDigit),
  w: setOf(isWord),
  s: setOf(isSpace),
  D: setOf((u) => !isDigit(u)),
  W: setOf((u) => !isWord(u)),
  S: setOf((u) => !isSpace(u)),
};

interface Item {
  readonly set: CharSet;
  readonly min: number;
  /** Infinity for no upper bound. */
  readonly max: number;
}

/** Reads a regex source left to right; every method returns undefined for "not in the subset". */
class SubsetReader {
  pos = 0;
  constructor(readonly source: string) {}

  get done(): boolean {
    return this.pos >= this.source.length;
  }

  private peek(): string {
    return this.source[this.pos] ?? "";
  }

  /** One item: a character set and its count. */
  item(): Item | undefined {
    const set = this.atom();
    if (set === undefined) return undefined;
    const count = this.count();
    return count && { set, ...count };
  }

  private atom(): CharSet | undefined {
    const c = this.peek();
    this.pos++;
    if (c === "[") return this.charClass();
    if (c === ".") return setOf((u) => u !== 0x0a);
    if (c === "\\") {
      const perl = this.perlClass();
      if (perl) return perl;
      const unit = this.escapedUnit();
      return unit < 0 ? undefined : single(unit);
    }
    if (!isPrintable(c.charCodeAt(0)) || META.includes(c)) return undefined;
    return single(c.charCodeAt(0));
  }

  /** After a `\`: the Perl class it names (`\d`, `\W`, …), read past; else undefined, nothing read. */
  private perlClass(): CharSet | undefined {
    const perl = PERL_CLASSES[this.peek()];
    if (perl) this.pos++;
    return perl;
  }

  /** After a `\` (and no Perl class): the punctuation mark it escapes, or -1 for anything else. */
  private escapedUnit(): number {
    const unit = this.peek().charCodeAt(0);
    this.pos++;
    return isPunctuation(unit) ? unit : -1;
  }

  /** After a `[`: members up to the closing `]`. */
  private charClass(): CharSet | undefined {
    const negated = this.peek() === "^";
    if (negated) this.pos++;
    // `[]…]` and `[^]…]` take a leading `]` literally in RE2; not worth supporting here.
    if (this.peek() === "]") return undefined;
    const set = emptySet();
    for (;;) {
      const c = this.peek();
      if (c === "") return undefined;
      this.pos++;
      if (c === "]") break;
      if (c === "[") return undefined; // POSIX classes such as [[:alpha:]]
      let low: number;
      if (c === "\\") {
        const perl = this.perlClass();
        if (perl) {
          perl.forEach((inIt, u) => (set[u] ||= inIt));
          continue;
        }
        low = this.escapedUnit();
        if (low < 0) return undefined;
      } else {
        low = c.charCodeAt(0);
        if (!isPrintable(low)) return undefined;
      }
      let high = low;
      if (this.peek() === "-" && this.source[this.pos + 1] !== "]" && this.pos + 1 < this.source.length) {
        this.pos++;
        const end = this.peek();
        this.pos++;
        if (end === "\\" || end === "[" || !isPrintable(end.charCodeAt(0))) return undefined;
        high = end.charCodeAt(0);
        if (high < low) return undefined;
      }
      for (let u = low; u <= high; u++) set[u] = true;
    }
    return negated ? setOf((u) => !set[u]) : set;
  }

  /** The count after an atom (1 when none), and a lazy `?` after it. */
  private count(): { min: number; max: number } | undefined {
    const c = this.peek();
    let bounds: { min: number; max: number } | undefined = { min: 1, max: 1 };
    if (c === "*") bounds = { min: 0, max: Infinity };
    else if (c === "+") bounds = { min: 1, max: Infinity };
    else if (c === "?") bounds = { min: 0, max: 1 };
    else if (c === "{") bounds = this.braces();
    else return bounds;
    if (bounds === undefined) return undefined;
    if (c !== "{") this.pos++;
    if (this.peek() === "?") this.pos++;
    const after = this.peek();
    return after !== "" && "*+?{".includes(after) ? undefined : bounds;
  }

  /** `{n}`, `{n,}` or `{n,m}` at the current position. */
  private braces(): { min: number; max: number } | undefined {
    const found = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
    if (!found) return undefined;
    this.pos += found[0].length;
    const min = Number(found[1]);
    const max = found[2] === undefined ? min : found[3] === "" ? Infinity : Number(found[3]);
    return min <= max && min <= MAX_COUNT && (max === Infinity || max <= MAX_COUNT) ? { min, max } : undefined;
  }
}

function disjoint(a: CharSet, b: CharSet): boolean {
  for (let u = 0; u < ASCII; u++) if (a[u] && b[u]) return false;
  return true;
}

/** A regex of the subset, matched in one greedy pass over the value. */
export class SequenceRegex {
  /** 128 bits per item, four 32-bit words. */
  private readonly sets: Int32Array;
  private readonly mins: Int32Array;
  /** -1 for no upper bound. */
  private readonly maxs: Int32Array;

  constructor(
    items: readonly Item[],
    private readonly anchoredEnd: boolean,
  ) {
    const sets = (this.sets = new Int32Array(items.length * 4));
    this.mins = Int32Array.from(items, (item) => item.min);
    this.maxs = Int32Array.from(items, (item) => (item.max === Infinity ? -1 : item.max));
    items.forEach((item, i) =>
      item.set.forEach((inIt, u) => {
        if (inIt) sets[i * 4 + (u >> 5)] = (sets[i * 4 + (u >> 5)] as number) | (1 << (u & 31));
      }),
    );
  }

  /** Whether the regex matches `text`; undefined when a non-ASCII unit leaves the answer to re2js. */
  test(text: string): boolean | undefined {
    const { sets, mins, maxs } = this;
    const n = text.length;
    let pos = 0;
    for (let i = 0; i < mins.length; i++) {
      const max = maxs[i] as number;
      const limit = max < 0 || pos + max > n ? n : pos + max;
      const start = pos;
      while (pos < limit) {
        const unit = text.charCodeAt(pos);
        if (unit >= ASCII) return undefined;
        if ((((sets[i * 4 + (unit >> 5)] as number) >>> (unit & 31)) & 1) === 0) break;
        pos++;
      }
      if (pos - start < (mins[i] as number)) return false;
    }
    return !this.anchoredEnd || pos === n;
  }
}

/** The direct matcher for `source` (a regex that compiles in RE2), or undefined when it is outside the subset. */
export function compileSequenceRegex(source: string): SequenceRegex | undefined {
  if (!source.startsWith("^")) return undefined;
  const anchoredEnd = source.endsWith("$") && !source.endsWith("\\$");
  const reader = new SubsetReader(anchoredEnd ? source.slice(1, -1) : source.slice(1));
  const items: Item[] = [];
  while (!reader.done) {
    const item = reader.item();
    if (item === undefined) return undefined;
    items.push(item);
  }
  for (let i = 0; i + 1 < items.length; i++) {
    const item = items[i] as Item;
    const next = items[i + 1] as Item;
    if (item.min !== item.max && (next.min === 0 || !disjoint(item.set, next.set))) return undefined;
  }
  return new SequenceRegex(items, anchoredEnd);
}
