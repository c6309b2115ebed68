// CIDR blocks of one field in the rule index, found by hashing instead of being tested one by one.
//
// Design note. An address lies in a block of n bits exactly when its first n bits, the rest
// zeroed, equal the block's (blocks are stored zeroed already, see cidr.ts). So blocks are kept
// in one hash map per family and prefix length, the maps of a family in a short list; a lookup
// parses the value once and probes one map per prefix length in use — a handful in practice
// (/8, /16, /24, /32), at most 33 for IPv4 and 129 for IPv6 — whatever the number of blocks.
// A large IPv4 map has a bit filter in front (key-filter.ts): most addresses lie in no block.
import { ipv4Word, parseIp, type CidrBlock } from "./cidr.js";
import type { Sink } from "./string-trie.js";
import { visitAll } from "./targets.js";
import { KeyFilter } from "./key-filter.js";

/** The blocks of one prefix length: masked address key → targets, with a bit filter once large (most addresses lie in no block). */
interface LengthMaps<T> {
  readonly bits: number;
  readonly byKey: Map<string | number, T[]>;
  filter: KeyFilter | undefined;
}

/** CIDR blocks of one field, each leading to a target. */
export class CidrIndex<T> {
  /** Per family, the prefix lengths in use: a short list a lookup loops over without iterating a Map. */
  private readonly v4: LengthMaps<T>[] = [];
  private readonly v6: LengthMaps<T>[] = [];

  /** Whether no block is stored. */
  get isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Adds a block leading to `target`. */
  add(block: CidrBlock, target: T): void {
    const lengths = block.bytes.length === 4 ? this.v4 : this.v6;
    let entry = lengths.find((e) => e.bits === block.bits);
    if (!entry) {
      entry = { bits: block.bits, byKey: new Map(), filter: undefined };
      lengths.push(entry);
    }
    const key = maskedKey(block.bytes, block.bits);
    const targets = entry.byKey.get(key);
    if (targets) {
      targets.push(target);
    } else {
      entry.byKey.set(key, [target]);
      entry.filter = KeyFilter.refreshed(entry.filter, entry.byKey, key);
    }
  }

  /** Removes a block added with the same target. */
  remove(block: CidrBlock, target: T): void {
    const lengths = block.bytes.length === 4 ? this.v4 : this.v6;
    const at = lengths.findIndex((e) => e.bits === block.bits);
    const entry = lengths[at];
    const key = maskedKey(block.bytes, block.bits);
    const targets = entry?.byKey.get(key);
    const i = targets?.indexOf(target) ?? -1;
    if (!entry || !targets || i < 0) return;
    targets.splice(i, 1);
    if (targets.length > 0) return;
    entry.byKey.delete(key);
    entry.filter = KeyFilter.refreshed(entry.filter, entry.byKey, undefined);
    if (entry.byKey.size === 0) lengths.splice(at, 1);
  }

  /** Visits the target of every block holding the address written in `text`. */
  collect(text: string, sink: Sink<T>): void {
    const v4 = this.v4;
    if (v4.length > 0) {
      // IPv4 without allocating: the address as one number, masked per prefix length.
      const word = ipv4Word(text);
      if (word >= 0) {
        for (let i = 0; i < v4.length; i++) {
          const { bits, byKey, filter } = v4[i] as LengthMaps<T>;
          const key = maskedWord(word, bits);
          if (filter === undefined || filter.mayHaveInt(key)) visitAll(byKey.get(key), sink);
        }
        return;
      }
    }
    const v6 = this.v6;
    if (v6.length === 0) return;
    const address = parseIp(text);
    if (address?.length !== 16) return;
    for (let i = 0; i < v6.length; i++) {
      const { bits, byKey } = v6[i] as LengthMaps<T>;
      visitAll(byKey.get(maskedKey(address, bits)), sink);
    }
  }
}

/**
 * The first `bits` bits of an IPv4 address's 32-bit value, the rest zeroed, as a signed 32-bit
 * integer: a small integer to V8, so neither masking nor hashing it allocates.
 */
function maskedWord(word: number, bits: number): number {
  return bits === 0 ? 0 : word & (0xffffffff << (32 - bits));
}

/** The first `bits` bits of an address, the rest zeroed: a number for IPv4, a string for IPv6. */
function maskedKey(address: Uint8Array, bits: number): string | number {
  if (address.length === 4) {
    return maskedWord((((address[0] ?? 0) << 24) | ((address[1] ?? 0) << 16) | ((address[2] ?? 0) << 8) | (address[3] ?? 0)) >>> 0, bits);
  }
  let key = "";
  for (let i = 0; i < 16; i += 2) {
    const bit = i * 8;
    const group = ((address[i] ?? 0) << 8) | (address[i + 1] ?? 0);
    const keep = Math.max(0, Math.min(16, bits - bit));
    key += String.fromCharCode(keep === 0 ? 0 : group & (0xffff << (16 - keep)) & 0xffff);
  }
  return key;
}
