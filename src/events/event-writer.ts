// Group commit for ingest. Requests that arrive while a transaction is being written wait and
// are committed together in the next one, so throughput grows with load without adding delay
// when idle. A caller's promise resolves only after its rows are committed: an acknowledged
// event is durable.
import { appendEvents } from "../store/event-repository.js";
import type { AppendRow } from "../store/event-repository.js";
import type { Store } from "../store/open-store.js";

interface Pending {
  rows: readonly AppendRow[];
  resolve: (seqs: (number | null)[]) => void;
  reject: (err: unknown) => void;
}

export class EventWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly maxRowsPerCommit = 5_000,
  ) {}

  /** Stores rows; resolves after commit with each row's seq, or null for a duplicate. */
  append(rows: readonly AppendRow[]): Promise<(number | null)[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.flushing) this.flushing = this.drainSoon();
    });
  }

  /** Resolves when everything handed in so far is committed (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * Starts draining after the requests already read in this turn of the event loop have
   * queued their rows. better-sqlite3 runs a whole transaction synchronously, inside the
   * caller's microtasks: without this pause every request would commit alone, and a commit
   * (WAL write, index and full-text segment updates) costs far more than a row.
   */
  private async drainSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.takeGroup();
        await this.commit(group);
      }
    } finally {
      this.flushing = null;
    }
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let rows = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (!next || (group.length > 0 && rows + next.rows.length > this.maxRowsPerCommit)) break;
      group.push(next);
      rows += next.rows.length;
      this.queue.shift();
    }
    return group;
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      const all = group.flatMap((p) => p.rows);
      const seqs = await this.store.db.transaction().execute((trx) => appendEvents(trx, this.store.dialect, all));
      let offset = 0;
      for (const p of group) {
        p.resolve(seqs.slice(offset, offset + p.rows.length));
        offset += p.rows.length;
      }
    } catch (err) {
      for (const p of group) p.reject(err);
    }
  }
}
