// Re-driving dead letters: one (`POST /api/v1/deliveries/{id}/retry`) or many at once
// (`POST /api/v1/deliveries/retry {ids}`), each answered as an outcome per id, so a page of
// results can say which went back into the queue and why the others did not. A server
// without the bulk route (404) gets the ids one by one instead.
import { ApiError, toApiError } from "../../api/api-error";
import { api } from "../../api/client";
import type { BulkRetryAnswer, Delivery, RetryOutcome } from "./types";

/** Most ids the server takes in one bulk request. */
export const MAX_BULK = 500;

/** Re-drives one delivery; never throws: failures are outcomes. */
export async function redriveOne(id: string): Promise<RetryOutcome> {
  const path = `/api/v1/deliveries/${encodeURIComponent(id)}/retry`;
  try {
    const delivery = await api<Delivery>(path, { method: "POST" });
    return { id, outcome: "retried", delivery };
  } catch (e) {
    const error = toApiError(e, path);
    const outcome = error.status === 404 ? "not_found" : error.status === 409 ? "conflict" : "failed";
    return { id, outcome, error: error.detail };
  }
}

/** Re-drives `ids` (in chunks of MAX_BULK) and answers each one's outcome, in order. */
export async function redriveMany(ids: readonly string[]): Promise<RetryOutcome[]> {
  const results: RetryOutcome[] = [];
  for (let at = 0; at < ids.length; at += MAX_BULK) {
    const chunk = ids.slice(at, at + MAX_BULK);
    try {
      const answer = await api<BulkRetryAnswer>("/api/v1/deliveries/retry", { method: "POST", body: { ids: chunk } });
      results.push(...answer.results);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      // An older server without the bulk route: one request per id.
      for (const id of chunk) results.push(await redriveOne(id));
    }
  }
  return results;
}
