// Messages being stored at once by a consumer, up to the source's `prefetch`: a broker that
// pushes (AMQP, NATS) is allowed that many unacknowledged messages, and a close waits for the
// ones under way so that each is acknowledged (or left for redelivery) before disconnecting.

/** A bounded set of tasks under way. */
export class InFlight {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  /** Starts `task` once fewer than `limit` are running. `task` must not reject. */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    const running: Promise<void> = task().finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Resolves once every task started so far has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
  }
}
