// What a drill reads of Reflex, as an interface: the events stored about an instance, and the
// remediation each one caused. `store-observations.ts` reads them from the store; a test may
// give its own.

/** A stored event about an instance. */
export interface ObservedEvent {
  bus: string;
  source: string;
  id: string;
  type: string;
  seq: number;
  /** When Reflex stored it (epoch ms). */
  receivedMs: number;
}

/** A delivery or a workflow execution an event caused. */
export interface ObservedRemediation {
  kind: "delivery" | "execution";
  id: string;
  /** When it was created (epoch ms). */
  createdMs: number;
  /** Its status now (pending, delivered, dead; running, succeeded, failed, …). */
  status: string;
  /** What it is, in words: "rule heal-ping → workflow restart-app", "execution of restart-app". */
  label: string;
}

/** Reads of Reflex a drill makes while it follows a run. */
export interface DrillObservations {
  /** Events whose subject is `subject` and whose time is at or after `fromMs`, in the order they were stored. */
  eventsAbout(subject: string, fromMs: number): Promise<ObservedEvent[]>;
  /** The deliveries of the event (its own and its groups') and the executions they started, oldest first. */
  remediationsOf(event: ObservedEvent): Promise<ObservedRemediation[]>;
}
