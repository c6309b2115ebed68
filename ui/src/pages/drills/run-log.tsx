// Everything a drill run saw, in order: injections, events stored, deliveries and executions
// created, heals and failures, with the time since the run started. Narrowed to one instance
// when one is selected; the newest lines are shown first-hand (a live run grows at the bottom)
// and earlier ones on request. Execution ids in a line link to the execution.
import { useState } from "react";
import type { ReactNode } from "react";
import { Link } from "../../app/router";
import { EmptyState } from "../../components";
import { shortMs } from "./drill-format";
import { executionHref } from "./report-links";
import type { DrillReport, DrillTimelineEntry } from "./types";

const PAGE = 200;
const EXECUTION = /^(execution )(\S+)( .*)$/s;

/** Props of `<RunLog>`. */
export interface RunLogProps {
  report: DrillReport;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
}

/** The run's timeline as a log. */
export function RunLog({ report, selected, onSelect }: RunLogProps): ReactNode {
  const [shown, setShown] = useState(PAGE);
  const names = new Map(report.instances.map((i) => [i.instanceId, i.name ?? i.instanceId]));
  const lines = report.timeline.filter((t) => selected === undefined || t.instanceId === selected || t.instanceId === null);
  const start = Date.parse(report.startedAt);
  const hidden = Math.max(0, lines.length - shown);
  return (
    <section className="stack drill-log" data-testid="drill-run-log">
      <div className="drill-section-head">
        <h2>Everything seen</h2>
        {selected !== undefined && (
          <span className="drill-log__scope">
            only <span className="mono">{names.get(selected) ?? selected}</span> and the run
            <button type="button" className="button button--ghost button--small" onClick={() => onSelect(undefined)} data-testid="drill-run-log-all">
              All instances
            </button>
          </span>
        )}
      </div>
      {lines.length === 0 ? (
        <EmptyState title="Nothing seen yet" testId="drill-run-log-empty" />
      ) : (
        <div className="drill-log__box">
          {hidden > 0 && (
            <button type="button" className="button button--ghost button--small drill-log__more" onClick={() => setShown(shown + PAGE)} data-testid="drill-run-log-more">
              Show {Math.min(PAGE, hidden)} earlier of {hidden}
            </button>
          )}
          <ol className="drill-log__lines">
            {lines.slice(hidden).map((t, n) => (
              <li key={`${t.at}-${hidden + n}`} className={t.instanceId === null ? "drill-log__line is-run" : "drill-log__line"} data-testid="drill-run-log-line">
                <time className="mono muted" dateTime={t.at} title={t.at}>
                  +{shortMs(Date.parse(t.at) - start)}
                </time>
                <span className="drill-log__who">
                  {t.instanceId === null ? (
                    <span className="muted">run</span>
                  ) : (
                    <button type="button" className="fleet-link" onClick={() => onSelect(t.instanceId ?? undefined)}>
                      {names.get(t.instanceId) ?? t.instanceId}
                    </button>
                  )}
                </span>
                <span className="drill-log__what">
                  <What entry={t} />
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function What({ entry }: { entry: DrillTimelineEntry }): ReactNode {
  const m = EXECUTION.exec(entry.what);
  if (m?.[2] === undefined) return entry.what;
  return (
    <>
      {m[1]}
      <Link to={executionHref(m[2])} className="mono">
        {m[2]}
      </Link>
      {m[3]}
    </>
  );
}
