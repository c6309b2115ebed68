// Every delay in the simulated cloud goes through here, so that one knob (the speed) scales
// them all and one call (close) stops them all: a closed fleet leaves no timer behind to keep
// the process alive or to fire into a test that has already finished.

/** A pending timer, to cancel it. */
export interface SimTimer {
  readonly id: number;
}

/** Timers in simulated milliseconds, run `speed` times faster than real time. */
export class SimTimers {
  private readonly pending = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;
  private closed = false;

  /** `speed` > 0: 10 means every delay is divided by 10. */
  constructor(readonly speed: number) {
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number, got ${speed}`);
  }

  /** Runs `fn` after `simulatedMs` (divided by the speed); does nothing once closed. */
  after(simulatedMs: number, fn: () => void): SimTimer {
    const id = this.nextId++;
    if (this.closed) return { id };
    const handle = setTimeout(() => {
      this.pending.delete(id);
      fn();
    }, Math.max(0, simulatedMs / this.speed));
    this.pending.set(id, handle);
    return { id };
  }

  /** Cancels a timer; harmless when it has fired already. */
  cancel(timer: SimTimer): void {
    const handle = this.pending.get(timer.id);
    if (handle === undefined) return;
    clearTimeout(handle);
    this.pending.delete(timer.id);
  }

  /** How many timers are still pending. */
  get size(): number {
    return this.pending.size;
  }

  /** Cancels every pending timer; later `after` calls schedule nothing. */
  close(): void {
    this.closed = true;
    for (const handle of this.pending.values()) clearTimeout(handle);
    this.pending.clear();
  }
}
