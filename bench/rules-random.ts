// A small seeded pseudo-random generator for the rules benchmark, so that the fleet, the events
// and the rule sets are the same on every run (and in the memory-measuring child process):
// numbers from different runs are then comparable, and a disagreement found once is found again.
// The generator is the 32-bit "mulberry32" mixing function; statistical quality is ample for
// picking fleet members, and it is fast enough not to matter.

/** A deterministic stream of random choices. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** `k` distinct elements of a list (all of it when `k` ≥ its length), in list order. */
  sample<T>(list: readonly T[], k: number): T[];
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** `length` characters of lower-case base 36. */
  token(length: number): string;
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A generator starting from `seed` (any 32-bit integer). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick<T>(list: readonly T[]): T {
      if (list.length === 0) throw new Error("pick from an empty list");
      return list[int(list.length)] as T;
    },
    sample<T>(list: readonly T[], k: number): T[] {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(k, list.length)) chosen.add(int(list.length));
      return [...chosen].sort((a, b) => a - b).map((i) => list[i] as T);
    },
    chance: (p) => next() < p,
    token(length) {
      let out = "";
      for (let i = 0; i < length; i++) out += ALPHABET[int(ALPHABET.length)];
      return out;
    },
  };
}
