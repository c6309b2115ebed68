// A bit filter in front of a large exact-value map of the rule index (value-index.ts; also the
// hashed ends of prefix and suffix tries, keys-by-length.ts, and the IPv4 blocks of one prefix
// length, cidr-index.ts), so that
// looking up a string the map does not hold — most lookups at the root of a 10,000-rule index:
// an event's instance id among the 1,500 ids rules name — usually reads one word of a small,
// cache-resident bit array instead of the map's buckets, chain and key strings (at that size,
// cache misses all of them).
//
// Design note. A Bloom filter setting two bits per key, 16–32 bits per key (built for twice the
// map's size), over a fingerprint of the string that costs a few character reads instead of a
// pass over it: its length and the code units at its end, middle and three quarters (ids and
// names differ at their ends; keys that agree there only make the filter say "maybe" more
// often, never wrongly "no"). Strings and 32-bit integers (masked IPv4 blocks) go through it;
// other exact values go to the map. Bits are never cleared: removed keys leave bits set until
// the filter is rebuilt, which happens when the map has outgrown it or lost half the keys it
// was built with (refreshed). Maps under MIN_KEYS keys have none: they stay cached anyway.
/** Keys a map needs before a filter is worth having; also the least a filter is sized for. */
const MIN_KEYS = 64;
/** Bits per key at the filter's capacity (a power of two): with two bits per key, ≈ 1.5 % false "maybe"s. */
const BITS_PER_KEY = 16;

/** A fingerprint of `text`'s `n` code units from `start` (all of it by default): length and a few code units, mixed. */
export function fingerprint(text: string, start = 0, n = text.length - start): number {
  if (n === 0) return 0x2545f491;
  let h = Math.imul(n, 0x9e3779b1);
  h = Math.imul(h ^ text.charCodeAt(start + n - 1), 0x85ebca6b);
  h = Math.imul(h ^ text.charCodeAt(start + (n >> 1)), 0xc2b2ae35);
  h = Math.imul(h ^ text.charCodeAt(start + ((n * 3) >> 2)), 0x27d4eb2f);
  if (n > 1) h = Math.imul(h ^ text.charCodeAt(start + n - 2), 0x165667b1);
  return h ^ (h >>> 15);
}

/** A fingerprint of a 32-bit integer key (an IPv4 block, cidr-index.ts). */
function intPrint(n: number): number {
  const h = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) ^ 0x5bd1e995;
}

/** Whether a key goes through the filter: strings, and integers that fit 32 bits. */
function filtered(key: unknown): key is string | number {
  return typeof key === "string" || (typeof key === "number" && (key | 0) === key);
}

/** Which string (and 32-bit integer) keys a map may hold. */
export class KeyFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;
  /** Keys the filter was sized for: past this many, a larger one is built. */
  private readonly capacity: number;
  /** Keys the map held when the filter was built: below half this, it is rebuilt. */
  private readonly builtAt: number;

  /** A filter holding the string keys among `keys` (a map's `size` keys). */
  constructor(keys: Iterable<unknown>, size: number) {
    let bitCount = 32;
    while (bitCount < Math.max(size, MIN_KEYS) * 2 * BITS_PER_KEY) bitCount *= 2;
    this.bits = new Int32Array(bitCount >>> 5);
    this.mask = bitCount - 1;
    this.capacity = (bitCount / BITS_PER_KEY) | 0;
    this.builtAt = size;
    for (const key of keys) if (filtered(key)) this.add(key);
  }

  /**
   * The filter to keep for `map` after `added` (a key, possibly new) went in, or a key went
   * out (`added` undefined): `filter` itself while it fits the map's size, else a new one built
   * from the map's keys, or none for a small map.
   */
  static refreshed(filter: KeyFilter | undefined, map: ReadonlyMap<unknown, unknown>, added: unknown): KeyFilter | undefined {
    if (filter !== undefined && filter.fits(map.size)) {
      if (filtered(added)) filter.add(added);
      return filter;
    }
    return map.size >= MIN_KEYS ? new KeyFilter(map.keys(), map.size) : undefined;
  }

  /** Whether the filter still suits a map of `size` keys: not outgrown, and not left with under half the keys it was built with. */
  private fits(size: number): boolean {
    return size <= this.capacity && size >= this.builtAt / 2;
  }

  /** Records a key. */
  add(key: string | number): void {
    const h = typeof key === "string" ? fingerprint(key) : intPrint(key);
    this.set(h & this.mask);
    this.set(second(h) & this.mask);
  }

  /** False when `text` (or its `length` code units from `start`) is certainly not a key. */
  mayHave(text: string, start?: number, length?: number): boolean {
    const h = fingerprint(text, start, length);
    return this.isSet(h & this.mask) && this.isSet(second(h) & this.mask);
  }

  /** False when the 32-bit integer `n` is certainly not a key. */
  mayHaveInt(n: number): boolean {
    const h = intPrint(n);
    return this.isSet(h & this.mask) && this.isSet(second(h) & this.mask);
  }

  private set(bit: number): void {
    const bits = this.bits;
    bits[bit >>> 5] = (bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }

  private isSet(bit: number): boolean {
    return ((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }
}

/** A second bit position from the same fingerprint. */
function second(h: number): number {
  return (h >>> 16) ^ Math.imul(h, 0x2c1b3c6d);
}
