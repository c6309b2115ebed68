// Follows one execution until it ends, over the API's event stream: every new view is handed
// to the caller, and the final one returned. A stream cut before the end (a restarting node,
// a proxy timeout) is opened again — the server sends the current view first, so nothing is
// missed — with a growing pause, up to a limit of consecutive failures.
import { setTimeout as pause } from "node:timers/promises";
import { ApiError } from "./client.js";
import type { ApiClient } from "./client.js";
import type { ExecutionView } from "./execution-output.js";

/** Consecutive failed or cut streams before giving up. */
const MAX_RECONNECTS = 5;

/** Calls `onView` with each view of execution `id` as it changes; resolves to the final view. */
export async function followExecution(client: ApiClient, id: string, onView: (view: ExecutionView) => void): Promise<ExecutionView> {
  const path = `/api/v1/executions/${encodeURIComponent(id)}/events`;
  let failures = 0;
  let reason = "";
  for (;;) {
    let last: ExecutionView | undefined;
    try {
      for await (const message of client.events(path)) {
        if (message.event === "execution") {
          last = JSON.parse(message.data) as ExecutionView;
          failures = 0;
          onView(last);
        } else if (message.event === "end") {
          return last ?? ((await client.request("GET", `/api/v1/executions/${encodeURIComponent(id)}`)) as ExecutionView);
        }
      }
      reason = "the server closed the stream before the execution ended";
    } catch (err) {
      // A 4xx (unknown execution, bad token) will not go away by asking again.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) throw err;
      reason = err instanceof Error ? err.message : String(err);
    }
    failures += 1;
    if (failures > MAX_RECONNECTS) {
      throw new ApiError(0, `lost the live view of execution ${id} ${failures} times in a row (${reason}); see where it is with: reflex executions get ${id}`);
    }
    await pause(500 * failures);
  }
}
