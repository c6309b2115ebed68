// Alibaba's gateway refuses a `SignatureNonce` it has seen before (a replayed request). It need
// remember nonces only as long as their requests' timestamps are accepted (15 minutes): this
// keeps them that long and forgets them after, so a long-running simulator stays small.

/** Nonces seen per AccessKey ID within the last `ttlMs`. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `nonce` of `accessKeyId`; false when it was already used within the window. */
  use(accessKeyId: string, nonce: string): boolean {
    const now = this.now();
    for (const [key, at] of this.seen) {
      if (now - at <= this.ttlMs) break;
      this.seen.delete(key);
    }
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}
