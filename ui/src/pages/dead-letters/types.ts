// The answer shapes the dead-letters page reads, as the server sends them
// (src/server/rule-schemas.ts: DeliveryView, AttemptView, DeliveryDetail, DeliveryPage;
// src/server/routes/delivery-bulk-retry.ts; docs/http-api.md#deliveries).
import type { DeliveryView as Delivery } from "../../api/types";

/** A delivery and its attempts, as the events pages read them too. */
export type { AttemptView as Attempt, DeliveryDetail, DeliveryView as Delivery } from "../../api/types";

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
