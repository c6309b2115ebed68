// The answer shapes the dead-letters page reads, as the server sends them
// (src/server/rule-schemas.ts: DeliveryView, AttemptView, DeliveryDetail, DeliveryPage;
// src/server/routes/delivery-bulk-retry.ts; docs/http-api.md#deliveries).

/** A delivery: one (event or group, rule, target) and where it stands. */
export interface Delivery {
  id: string;
  rule: string;
  target: string;
  /** The target's type: http, notify, workflow, queue, function. */
  type: string;
  /** pending, delivered or dead. */
  status: string;
  event: { bus: string; source: string; id: string; seq: number };
  eventSeqs: number[];
  groupId: string | null;
  replayId: string | null;
  attemptCount: number;
  redrives: number;
  httpStatus: number | null;
  lastError: string | null;
  /** JSON pointer, in the rule, of the template that failed to render. */
  errorPointer: string | null;
  /** What it sends (inline secrets hidden); null when its templates failed. */
  request: unknown;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** One attempt of a delivery. */
export interface Attempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** delivered or failed. */
  outcome: string;
  httpStatus: number | null;
  /** The start of the response body (at most 4 KiB). */
  response: string | null;
  error: string | null;
}

/** `GET /api/v1/deliveries/{id}`. */
export interface DeliveryDetail extends Delivery {
  attempts: Attempt[];
}

/** `GET /api/v1/deliveries?status=dead&rule=&limit=&cursor=`. */
export interface DeliveryPage {
  items: Delivery[];
  nextCursor: string | null;
}

/** What became of one id in a re-drive. */
export interface RetryOutcome {
  id: string;
  /** retried (a fresh cycle is queued); not_found; conflict (not dead, or cannot be rendered again); failed. */
  outcome: "retried" | "not_found" | "conflict" | "failed";
  error?: string;
  delivery?: Delivery;
}

/** `POST /api/v1/deliveries/retry {ids}`. */
export interface BulkRetryAnswer {
  retried: number;
  failed: number;
  results: RetryOutcome[];
}

/** `GET /api/v1/rules` (only the names are used, for the filter). */
export interface RuleList {
  items: { name: string; enabled: boolean }[];
}
