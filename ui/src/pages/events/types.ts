// The answers the Events pages read, as the server sends them (src/server/routes/events.ts,
// deliveries.ts, replays.ts, executions.ts, and their schemas in src/server/*-schemas.ts).
import type { AttemptView, DeliveryDetail, DeliveryView, StartedExecution } from "../../api/types";

export type { AttemptView, DeliveryDetail, DeliveryView, StartedExecution };

/** A CloudEvents 1.0 envelope; extension attributes (region, tags, …) sit at the top level. */
export interface CloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  datacontenttype?: string;
  data?: unknown;
  [extension: string]: unknown;
}

/** One stored event: `GET /api/v1/events` items. */
export interface StoredEvent {
  seq: number;
  bus: string;
  receivedAt: string;
  /** Why the event did not fit its declared type (warn mode), else null. */
  schemaError: string | null;
  event: CloudEvent;
}

/** `GET /api/v1/events?…`: newest first; `scanned` only with a pattern. */
export interface EventPage {
  items: StoredEvent[];
  nextCursor: string | null;
  scanned?: number;
}

/** What one rule made of the event (`lineage.matches`). */
export interface MatchView {
  id: string;
  rule: string;
  /** delivered, throttled, deduplicated, grouped, rule-missing or failed. */
  status: string;
  /** The throttle or dedupe key it was counted under. */
  key: string | null;
  groupId: string | null;
  replayId: string | null;
  error: string | null;
  errorPointer: string | null;
  createdAt: string;
}


/** `GET /api/v1/events/:id`: the event and what the rules made of it. */
export interface EventDetail extends StoredEvent {
  lineage: { matches: MatchView[]; deliveries: DeliveryView[] };
}

/** `POST /api/v1/replays` and `GET /api/v1/replays/:id`. */
export interface ReplayView {
  id: string;
  bus: string;
  from: string;
  to: string;
  pattern: Record<string, unknown> | null;
  /** queued, running, succeeded or failed. */
  status: string;
  total: number;
  processed: number;
  selected: number;
  matched: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
