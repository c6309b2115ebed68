// Choosing the event to test a pattern against: a stored one, by id (the URL keeps it, so a
// test is a link) or from the newest events of the rule's bus; or pasted JSON. The stored
// event's lineage says whether the rule really matched it.
import { useState } from "react";
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import { useQuery } from "../../app/query-state";
import { setQuery } from "../../app/query-state";
import { EmptyState, ErrorState, JsonView, Loading, StatusBadge, TimeAgo } from "../../components";
import type { EventPage, StoredEventView } from "./types";

/** A stored event with what the rules made of it (`GET /api/v1/events/:id`). */
export interface EventWithLineage extends StoredEventView {
  lineage: { matches: { rule: string; status: string; createdAt: string }[] };
}

/** Props of `<EventPicker>`. */
export interface EventPickerProps {
  bus: string | undefined;
  ruleName: string | undefined;
  /** The pasted JSON (kept by the tester). */
  pasted: string;
  onPaste: (text: string) => void;
  mode: "stored" | "paste";
  onMode: (mode: "stored" | "paste") => void;
}

/** The event half of the pattern tester. */
export function EventPicker({ bus, ruleName, pasted, onPaste, mode, onMode }: EventPickerProps): ReactNode {
  const query = useQuery();
  const id = query.event ?? "";
  const source = query.eventSource;
  const [typed, setTyped] = useState(id);
  const pick = (eventId: string, eventSource?: string): void => {
    setTyped(eventId);
    setQuery({ event: eventId === "" ? undefined : eventId, eventSource: eventSource });
  };

  return (
    <div className="event-picker" data-testid="rule-test-event">
      <div className="segmented" role="tablist" aria-label="Event to test">
        <button type="button" role="tab" aria-selected={mode === "stored"} className={mode === "stored" ? "is-active" : ""} onClick={() => onMode("stored")} data-testid="rule-test-mode-stored">
          Stored event
        </button>
        <button type="button" role="tab" aria-selected={mode === "paste"} className={mode === "paste" ? "is-active" : ""} onClick={() => onMode("paste")} data-testid="rule-test-mode-paste">
          Paste JSON
        </button>
      </div>
      {mode === "paste" ? (
        <textarea
          className="textarea rule-json"
          rows={10}
          spellCheck={false}
          placeholder={'{"specversion": "1.0", "id": "…", "source": "cvm.cloud.tencent", "type": "…", "data": {…}}'}
          value={pasted}
          onChange={(e) => onPaste(e.target.value)}
          aria-label="Event JSON"
          data-testid="rule-test-event-json"
        />
      ) : (
        <>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              pick(typed.trim());
            }}
          >
            <input className="input mono event-picker__id" placeholder="event id" value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Event id" data-testid="rule-test-event-id" />
            <button type="submit" className="button" data-testid="rule-test-event-load">
              Load
            </button>
            {id !== "" && (
              <button type="button" className="button button--ghost" onClick={() => pick("")} data-testid="rule-test-event-clear">
                Clear
              </button>
            )}
          </form>
          {id !== "" ? <StoredEvent id={id} source={source} ruleName={ruleName} /> : <RecentEvents bus={bus} onPick={(e) => pick(e.event.id, e.event.source)} />}
        </>
      )}
    </div>
  );
}

/** The stored event by id, and whether the rule matched it. */
function StoredEvent({ id, source, ruleName }: { id: string; source: string | undefined; ruleName: string | undefined }): ReactNode {
  const state = useApi<EventWithLineage>(`/api/v1/events/${encodeURIComponent(id)}`, { query: { source } });
  if (state.data === undefined) return state.error !== undefined ? <ErrorState error={state.error} onRetry={() => void state.refetch()} testId="rule-test-event-error" /> : <Loading rows={3} />;
  const matched = state.data.lineage.matches.filter((m) => m.rule === ruleName);
  return (
    <div className="stack event-picker__stored" data-testid="rule-test-event-stored">
      <div className="row muted">
        <span className="mono">{state.data.event.type}</span>
        <span>·</span>
        <span className="mono truncate">{state.data.event.subject ?? state.data.event.source}</span>
        <span>·</span>
        <TimeAgo time={state.data.event.time ?? state.data.receivedAt} />
        {ruleName !== undefined && (
          <span data-testid="rule-test-event-lineage">
            {matched.length > 0 ? <StatusBadge status={matched[0]?.status ?? "matched"} label={`matched by this rule: ${matched[0]?.status ?? ""}`} /> : <StatusBadge status="idle" label="not matched by this rule when it came" />}
          </span>
        )}
      </div>
      <JsonView value={state.data.event} openDepth={1} testId="rule-test-event-view" />
    </div>
  );
}

/** The newest events of the bus, to pick one. */
function RecentEvents({ bus, onPick }: { bus: string | undefined; onPick: (event: StoredEventView) => void }): ReactNode {
  const state = useApi<EventPage>("/api/v1/events", { query: { bus, limit: 8 } });
  if (state.data === undefined) return state.error !== undefined ? <ErrorState error={state.error} onRetry={() => void state.refetch()} /> : <Loading rows={3} />;
  if (state.data.items.length === 0) {
    return (
      <EmptyState title="No stored events yet" testId="rule-test-recent-empty">
        {bus === undefined ? "No event is stored." : <>No event is stored on bus <code>{bus}</code>.</>} Paste one instead.
      </EmptyState>
    );
  }
  return (
    <div className="event-picker__recent">
      <div className="muted event-picker__hint">Newest on bus {bus ?? "(any)"} — pick one:</div>
      <ul data-testid="rule-test-recent">
        {state.data.items.map((e) => (
          <li key={`${e.bus}/${e.seq}`}>
            <button type="button" className="event-picker__item" onClick={() => onPick(e)} data-testid="rule-test-recent-item" data-event-id={e.event.id}>
              <TimeAgo time={e.event.time ?? e.receivedAt} />
              <span className="mono truncate">{e.event.type}</span>
              <span className="muted truncate">{e.event.subject ?? e.event.source}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
