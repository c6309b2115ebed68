// Group commit for ingest. Requests that arrive while a group is being committed wait and are
// committed together in the next one, so throughput grows with load without adding delay when
// idle. The writing itself is the store's appender (SQLite: a writer thread; PostgreSQL: a
// pooled transaction), which commits one group per call; up to `concurrency` groups are in
// flight at once. A caller's promise resolves only after its rows are committed: an
// acknowledged event is durable.
import type { AppendRow } from "../store/event-repository.js";
import type { EventAppender } from "../store/open-store.js";

interface Pending {
  rows: readonly AppendRow[];
  resolve: (seqs: (number | null)[]) => void;
  reject: (err: unknown) => void;
}

export interface EventWriterOptions {
  /** Groups committed at once (the store's `appendConcurrency`); 1 by default. */
  concurrency?: number;
  /** Largest group in rows; a single larger append is still committed whole. */
  maxRowsPerCommit?: number;
}

export class EventWriter {
  private queue: Pending[] = [];
  /** A pending start of groups, in the next turn of the event loop. */
  private wake: Promise<void> | null = null;
  private readonly running = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly maxRowsPerCommit: number;

  /** `appender` commits one group in one transaction (usually the store's `appendEvents`). */
  constructor(
    private readonly appender: EventAppender,
    options: EventWriterOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxRowsPerCommit = options.maxRowsPerCommit ?? 5_000;
  }

  /** Stores rows; resolves after commit with each row's seq, or null for a duplicate. */
  append(rows: readonly AppendRow[]): Promise<(number | null)[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.wake ??= this.startSoon();
    });
  }

  /** Resolves when everything handed in so far is committed (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.wake || this.running.size > 0) await Promise.all([this.wake, ...this.running]);
  }

  /**
   * Starts groups after the requests already read in this turn of the event loop have queued
   * their rows, so that a burst arriving together shares one commit instead of the first
   * request committing alone. Later, rows that arrive while every slot is busy form the next
   * group when a commit ends.
   */
  private async startSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.wake = null;
    this.startGroups();
  }

  /** Starts groups while there are rows waiting and room for another commit. */
  private startGroups(): void {
    while (this.queue.length > 0 && this.running.size < this.concurrency) {
      const done: Promise<void> = this.commit(this.takeGroup()).finally(() => {
        this.running.delete(done);
        this.startGroups();
      });
      this.running.add(done);
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

  /** Commits one group; settles its callers and never rejects itself. */
  private async commit(group: Pending[]): Promise<void> {
    try {
      const seqs = await this.appender(group.flatMap((p) => p.rows));
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
