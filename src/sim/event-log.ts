// The fleet's outbox of cloud events: a bounded history (newest last) plus listeners called as
// each event is emitted, which is how the event forwarder and the control API see them.
import type { SimCloud, SimEmittedEvent } from "./types.js";

/** Bounded event history with subscribers. */
export class EventLog {
  private readonly events: SimEmittedEvent[] = [];
  private readonly listeners = new Set<(event: SimEmittedEvent) => void>();

  constructor(private readonly max: number) {}

  /** Records one event and tells every listener; a listener that throws does not stop the others. */
  emit(format: SimCloud, instanceId: string, body: Record<string, unknown>, emittedAt: string): SimEmittedEvent {
    const event: SimEmittedEvent = { format, instanceId, body, emittedAt };
    this.events.push(event);
    if (this.events.length > this.max) this.events.splice(0, this.events.length - this.max);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own business; the cloud goes on emitting.
      }
    }
    return event;
  }

  /** The kept events, oldest first. */
  list(): SimEmittedEvent[] {
    return [...this.events];
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (event: SimEmittedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
