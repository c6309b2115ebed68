// Every attempt of a delivery, oldest first: its number, how it ended, the HTTP status, how
// long it took and when; under it the error in full, and the start of the response (folded;
// open it to read). A list rather than a table, so long errors get the panel's whole width.
import type { ReactNode } from "react";
import { StatusBadge, formatDuration } from "../../components";
import type { Attempt } from "./types";

function when(iso: string): string {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

/** The attempts of one delivery. */
export function AttemptsTable({ attempts }: { attempts: readonly Attempt[] }): ReactNode {
  if (attempts.length === 0) return <p className="muted">No attempt was made: it died before its first one (see the error above).</p>;
  return (
    <ol className="dl-attempts" data-testid="dead-letter-attempts">
      {attempts.map((a, i) => (
        <li key={`${i}-${a.attempt}`} className="dl-attempt" data-testid="dead-letter-attempt" data-outcome={a.outcome}>
          <div className="dl-attempt__head">
            <span className="dl-attempt__n">#{a.attempt}</span>
            <StatusBadge status={a.outcome} />
            {a.httpStatus !== null && <span className="mono">HTTP {a.httpStatus}</span>}
            <span className="muted">took {formatDuration(a.durationMs)}</span>
            <time className="muted dl-attempt__time" dateTime={a.startedAt} title={new Date(a.startedAt).toLocaleString()}>
              {when(a.startedAt)}
            </time>
          </div>
          {a.error !== null && <div className="dl-attempt__error">{a.error}</div>}
          {a.response !== null && a.response !== "" && (
            <details className="dl-attempt__response">
              <summary>Response ({a.response.length >= 4096 ? "first 4 KiB" : `${a.response.length} characters`})</summary>
              <pre>{a.response}</pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
