// "Replay": feed this one stored event through the rules again, as they are now. The API
// replays a bus's events in an event-time window (`POST /api/v1/replays`); a window of two
// seconds around the event with a pattern naming its id and source selects exactly it. The
// replay's progress is followed until it ends, then the lineage reloads with what it matched.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { api } from "../../api/client";
import { useApi } from "../../api/use-api";
import { pathTo } from "../../app/router";
import { ConfirmButton, StatusBadge } from "../../components";
import type { ReplayView, StoredEvent } from "./types";

/** The body of `POST /api/v1/replays` that replays just `stored`. */
export function replayBodyOf(stored: StoredEvent): { bus: string; from: string; to: string; pattern: Record<string, unknown> } {
  const ms = Date.parse(stored.event.time ?? stored.receivedAt);
  return { bus: stored.bus, from: String(ms - 1000), to: String(ms + 1000), pattern: { id: [stored.event.id], source: [stored.event.source] } };
}

/** The Replay button (show it to operators only) and the replay's progress. */
export function ReplayButton({ stored, onDone }: { stored: StoredEvent; onDone: () => void }): ReactNode {
  const [replayId, setReplayId] = useState<string | null>(null);
  const running = (r: ReplayView | undefined): boolean => r === undefined || r.status === "queued" || r.status === "running";
  const [polling, setPolling] = useState(true);
  const state = useApi<ReplayView>(replayId === null ? null : pathTo("/api/v1/replays/:id", { id: replayId }), { pollMs: polling ? 1000 : undefined });
  const replay = state.data;

  useEffect(() => {
    if (replay === undefined || running(replay)) return;
    setPolling(false);
    onDone();
    // Once per finished replay.
  }, [replay?.id, replay?.status]);

  const start = async (): Promise<void> => {
    const created = await api<ReplayView>("/api/v1/replays", { method: "POST", body: replayBodyOf(stored) });
    setPolling(true);
    setReplayId(created.id);
  };

  return (
    <span className="events-replay">
      {replay !== undefined && (
        <span className="events-replay__state" data-testid="event-replay-state" data-status={replay.status} title={replay.error ?? undefined}>
          <StatusBadge status={replay.status} label={`replay ${replay.status}`} />
          {!running(replay) && replay.status === "succeeded" && <span className="muted"> {replay.matched} {replay.matched === 1 ? "match" : "matches"}</span>}
          {replay.error !== null && <span className="inline-error"> {replay.error}</span>}
        </span>
      )}
      <ConfirmButton onConfirm={start} confirmLabel="Replay through the rules?" disabled={replay !== undefined && running(replay)} testId="event-replay" title="Feed this event through the rules again, as they are now: matching rules deliver again">
        Replay
      </ConfirmButton>
    </span>
  );
}
