// The bit filter in front of large exact-value maps of the rule index: it may say "maybe" for a
// string it never saw, but never "no" for one it holds, and the index's answers must not change
// as a map grows past the filter's size, shrinks below half of it, or mixes strings with other
// kinds of exact values.
import { describe, expect, it } from "vitest";
import { KeyFilter } from "../../src/patterns/key-filter.js";
import { RuleIndex } from "../../src/patterns/index.js";

/** Deterministic strings of assorted lengths and alphabets, including empty and non-ASCII ones. */
function strings(count: number, seed: number): string[] {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-:/._éΣ中\u{1F600}";
  return Array.from({ length: count }, () => {
    const length = next() % 30;
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[next() % alphabet.length];
    return s;
  });
}

describe("KeyFilter", () => {
  it("never rules out a key it holds, and rules out most others", () => {
    const keys = strings(5_000, 1);
    const filter = new KeyFilter(keys, keys.length);
    for (const key of keys) expect(filter.mayHave(key)).toBe(true);
    const held = new Set(keys);
    const others = strings(20_000, 2).filter((s) => !held.has(s));
    const maybes = others.filter((s) => filter.mayHave(s)).length;
    expect(maybes / others.length).toBeLessThan(0.05);
  });

  it("keeps every key added after it was built, and is rebuilt as its map grows and shrinks", () => {
    const map = new Map<string, number>();
    const built = new Set<KeyFilter>();
    let filter: KeyFilter | undefined;
    for (const key of strings(3_000, 3)) {
      map.set(key, 1);
      filter = KeyFilter.refreshed(filter, map, key);
      if (filter) built.add(filter);
    }
    expect(built.size).toBeGreaterThan(2);
    for (const key of map.keys()) expect(filter?.mayHave(key)).toBe(true);
    for (const key of [...map.keys()].slice(0, 2_000)) {
      map.delete(key);
      filter = KeyFilter.refreshed(filter, map, undefined);
      if (filter) built.add(filter);
    }
    for (const key of map.keys()) expect(filter?.mayHave(key)).toBe(true);
    for (const key of [...map.keys()].slice(0, 990)) map.delete(key);
    expect(KeyFilter.refreshed(filter, map, undefined)).toBeUndefined();
  });

  it("looks a key up inside a longer text", () => {
    const keys = strings(500, 4);
    const filter = new KeyFilter(keys, keys.length);
    for (const key of keys) expect(filter.mayHave(`ab:${key}/xyz`, 3, key.length)).toBe(true);
  });
});

describe("RuleIndex with large exact-value maps", () => {
  it("answers the same as the map grows, shrinks and mixes strings with numbers, booleans and null", () => {
    const index = new RuleIndex();
    const ids = Array.from({ length: 3_000 }, (_, i) => `ins-${i.toString(36)}`);
    const live = new Set<string>();
    const check = () => {
      for (const id of ids.slice(0, 600)) expect(index.match({ subject: id }), id).toEqual(live.has(id) ? [id] : []);
      expect(index.match({ subject: 7 })).toEqual(live.has("seven") ? ["seven"] : []);
      expect(index.match({ subject: true })).toEqual(live.has("yes") ? ["yes"] : []);
      expect(index.match({ subject: null })).toEqual(live.has("null") ? ["null"] : []);
      expect(index.match({ subject: "ins-unknown" })).toEqual([]);
    };
    index.add("seven", { subject: [7] });
    index.add("yes", { subject: [true] });
    index.add("null", { subject: [null] });
    live.add("seven").add("yes").add("null");
    // Grow one key at a time through several filter rebuilds.
    for (const id of ids) {
      index.add(id, { subject: [id] });
      live.add(id);
    }
    check();
    // Shrink below half, then below the size a filter is kept for.
    for (const id of ids.slice(0, 2_900)) {
      if (ids.indexOf(id) % 3 === 0) continue;
      index.remove(id);
      live.delete(id);
    }
    check();
    for (const id of ids) {
      index.remove(id);
      live.delete(id);
    }
    check();
    for (const id of ids.slice(0, 200)) {
      index.add(id, { subject: [id] });
      live.add(id);
    }
    index.remove("seven");
    live.delete("seven");
    check();
  });

  it("answers the same as a map of IPv4 blocks and of hashed prefix ends grows and shrinks", () => {
    const index = new RuleIndex();
    // Three-digit octets, so that every suffix below is as long as the next.
    const blocks = Array.from({ length: 400 }, (_, i) => `10.${100 + Math.floor(i / 100)}.${100 + (i % 100)}`);
    const live = new Set<number>();
    const check = () => {
      for (let i = 0; i < blocks.length; i += 3) {
        const expected = live.has(i) ? [`net-${i}`, `end-${i}`] : [];
        expect(index.match({ ip: `${blocks[i]}.7`, host: `web-${blocks[i]}` }), blocks[i]).toEqual(expected);
      }
      expect(index.match({ ip: "10.200.100.1", host: "web-10.200.100" })).toEqual([]);
    };
    blocks.forEach((block, i) => {
      index.add(`net-${i}`, { ip: [{ cidr: `${block}.0/24` }] });
      // Suffixes of one length, looked up by hash (keys-by-length.ts), behind their own filter.
      index.add(`end-${i}`, { host: [{ suffix: `-${block}` }] });
      live.add(i);
    });
    check();
    for (let i = 0; i < blocks.length; i++) {
      if (i % 4 === 0) continue;
      index.remove(`net-${i}`);
      index.remove(`end-${i}`);
      live.delete(i);
    }
    check();
  });
});
