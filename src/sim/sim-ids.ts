// Resource ids in each cloud's shape (Tencent `ins-` + 8, Alibaba `i-` + 20, …) and private
// IPs that are unique within one fleet, so protocol clients that check id formats accept them.
import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `prefix` followed by `length` random lower-case alphanumerics. */
export function simId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** An id not yet in `taken`. */
export function uniqueSimId(prefix: string, length: number, taken: { has(id: string): boolean }): string {
  for (;;) {
    const id = simId(prefix, length);
    if (!taken.has(id)) return id;
  }
}

/** Hands out private IPs in 10.0.0.0/8, skipping the ones already taken. */
export class PrivateIpPool {
  private readonly taken = new Set<string>();
  private next = 256 + 10; // 10.0.1.10 first

  /** True when `ip` is in use. */
  has(ip: string): boolean {
    return this.taken.has(ip);
  }

  /** Marks `ip` as used; false when it already was. */
  claim(ip: string): boolean {
    if (this.taken.has(ip)) return false;
    this.taken.add(ip);
    return true;
  }

  /** The next free address. */
  allocate(): string {
    for (;;) {
      const n = this.next++;
      const host = n & 255;
      if (host === 0 || host === 255) continue;
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${host}`;
      if (this.claim(ip)) return ip;
    }
  }
}
