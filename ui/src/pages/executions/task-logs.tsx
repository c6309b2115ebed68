// A task run's log lines (from the execution view: stdout, stderr and the engine's info lines),
// oldest first, with the item and attempt they belong to; stderr in red. Long logs show their
// last lines first with a button for the rest, and can be narrowed to one item or attempt.
import { useState } from "react";
import type { ReactNode } from "react";
import type { TaskLogLine } from "./types";

/** Lines shown before "Show all". */
const TAIL = 300;

function timeOf(ts: string | number): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return String(ts);
  return d.toLocaleTimeString(undefined, { hour12: false }) + "." + String(d.getMilliseconds()).padStart(3, "0");
}

/** Props of `<TaskLogs>`. */
export interface TaskLogsProps {
  logs: readonly TaskLogLine[];
}

/** The log of one task run. */
export function TaskLogs({ logs }: TaskLogsProps): ReactNode {
  const [all, setAll] = useState(false);
  const [item, setItem] = useState("");
  const [attempt, setAttempt] = useState("");
  if (logs.length === 0) return <p className="muted exec-panel__none" data-testid="execution-task-logs-empty">No log lines.</p>;
  const items = [...new Set(logs.map((l) => l.item).filter((i): i is number => i !== null))].sort((a, b) => a - b);
  const attempts = [...new Set(logs.map((l) => l.attempt))].sort((a, b) => a - b);
  const shown = logs.filter((l) => (item === "" || String(l.item) === item) && (attempt === "" || String(l.attempt) === attempt));
  const cut = !all && shown.length > TAIL;
  const lines = cut ? shown.slice(-TAIL) : shown;
  return (
    <div className="exec-logs" data-testid="execution-task-logs">
      {(items.length > 1 || attempts.length > 1) && (
        <div className="row exec-logs__filters">
          {items.length > 1 && (
            <select className="select" value={item} onChange={(e) => setItem(e.target.value)} aria-label="Item" data-testid="execution-task-logs-item">
              <option value="">All items</option>
              {items.map((i) => (
                <option key={i} value={String(i)}>
                  item {i}
                </option>
              ))}
            </select>
          )}
          {attempts.length > 1 && (
            <select className="select" value={attempt} onChange={(e) => setAttempt(e.target.value)} aria-label="Attempt" data-testid="execution-task-logs-attempt">
              <option value="">All attempts</option>
              {attempts.map((a) => (
                <option key={a} value={String(a)}>
                  attempt {a}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {cut && (
        <button type="button" className="button button--ghost button--small" onClick={() => setAll(true)} data-testid="execution-task-logs-all">
          Show all {shown.length} lines (the last {TAIL} are shown)
        </button>
      )}
      <pre className="exec-logs__lines">
        {lines.map((l, i) => (
          <div key={i} className={`exec-log exec-log--${l.stream}`} data-testid="execution-task-log-line">
            <span className="exec-log__time">{timeOf(l.ts)}</span>
            {l.item !== null && items.length > 1 && <span className="exec-log__tag">#{l.item}</span>}
            {attempts.length > 1 && <span className="exec-log__tag">a{l.attempt}</span>}
            <span className="exec-log__line">{l.line}</span>
          </div>
        ))}
      </pre>
    </div>
  );
}
