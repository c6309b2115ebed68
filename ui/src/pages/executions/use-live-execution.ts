// One execution, kept current: loaded with GET /api/v1/executions/:id (which gives the page its
// loading, 404 and error states), then, while it has not ended, followed over its event stream
// (`execution` events carry the whole view, `end` closes it; api/sse.ts reads the stream with
// the bearer token and reconnects with the last event id). The newest view by `version` wins,
// whichever way it came — including the answers of pause, resume and cancel.
import { startTransition, useCallback, useState } from "react";
import type { ApiError } from "../../api/api-error";
import { useEventStream } from "../../api/sse";
import { useApi } from "../../api/use-api";
import { isLive } from "./statuses";
import type { ExecutionView } from "./types";

/** The state of the live connection, for the "Live" indicator. */
export type LiveState = "off" | "connecting" | "open" | "retrying" | "closed";

/** What `useLiveExecution` gives the page. */
export interface LiveExecution {
  view: ExecutionView | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refetch: () => Promise<void>;
  /** Takes a view the caller got (an operation's answer) if it is newer. */
  accept: (view: ExecutionView) => void;
  live: LiveState;
  liveError: ApiError | undefined;
}

function isView(value: unknown): value is ExecutionView {
  return value !== null && typeof value === "object" && typeof (value as ExecutionView).id === "string" && Array.isArray((value as ExecutionView).tasks);
}

/** Loads execution `id` and follows it live until it ends. */
export function useLiveExecution(id: string): LiveExecution {
  const path = `/api/v1/executions/${encodeURIComponent(id)}`;
  const state = useApi<ExecutionView>(path);
  const [pushed, setPushed] = useState<ExecutionView | undefined>(undefined);
  const [live, setLive] = useState<LiveState>("off");
  const [liveError, setLiveError] = useState<ApiError | undefined>(undefined);

  const base = state.data;
  const fresh = pushed !== undefined && pushed.id === id && (base === undefined || pushed.version >= base.version) ? pushed : base;

  const accept = useCallback(
    (view: ExecutionView) => {
      if (view.id !== id) return;
      // A transition: redrawing a 200-task graph yields to clicks, typing and scrolling.
      startTransition(() => setPushed((current) => (current === undefined || current.id !== id || view.version >= current.version ? view : current)));
    },
    [id],
  );

  const follow = fresh !== undefined && isLive(fresh.status) ? `${path}/events` : null;
  useEventStream(follow, {
    onEvent: (event) => {
      if (event.event === "execution" && isView(event.data)) accept(event.data);
      if (event.event === "end") {
        // The last `execution` event came just before; read once more in case it was skipped.
        void state.refetch();
        return "stop";
      }
    },
    onState: (s, error) => {
      setLive(s);
      setLiveError(error);
    },
  });

  return { view: fresh, error: state.error, loading: state.loading, refetch: state.refetch, accept, live: follow === null ? "off" : live, liveError };
}
