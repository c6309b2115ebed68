// `GET /sim/events?after=N` lets a drill read the events the clouds emitted, page by page,
// without missing or repeating one. The fleet keeps a bounded list whose indexes shift as old
// events drop out, so the control API numbers events itself: index N is the N-th event since
// the simulator started (counting those the fleet already held), for as long as it is kept.
import type { SimEmittedEvent, SimFleetApi } from "./types.js";

/** Events with stable indexes; the oldest are dropped past `limit`. */
export class ControlEventLog {
  private readonly kept: SimEmittedEvent[];
  /** The index of `kept[0]`. */
  private first = 0;
  private readonly unsubscribe: () => void;

  constructor(
    fleet: SimFleetApi,
    private readonly limit = 10_000,
  ) {
    this.kept = [...fleet.emittedEvents()];
    this.unsubscribe = fleet.onEvent((event) => {
      this.kept.push(event);
      if (this.kept.length > this.limit) {
        const drop = this.kept.length - this.limit;
        this.kept.splice(0, drop);
        this.first += drop;
      }
    });
  }

  /** Events from index `after` on (at most `max`), and the index to ask for next. */
  since(after: number, max: number): { events: SimEmittedEvent[]; next: number } {
    const start = Math.max(after, this.first);
    const events = this.kept.slice(start - this.first, start - this.first + max);
    return { events, next: start + events.length };
  }

  /** Stops listening to the fleet. */
  close(): void {
    this.unsubscribe();
  }
}
