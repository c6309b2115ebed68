// The items of a with-items task run: how many are done, failed and under way, and a page of
// them (index, status, item, attempt, time, error) that can be narrowed to the failed ones;
// clicking one opens its input, result and error. A drill over 500 instances stays responsive
// because only one page of rows is drawn.
import { useState } from "react";
import type { ReactNode } from "react";
import { DataTable, JsonView, StatusBadge, formatDuration } from "../../components";
import type { Column } from "../../components";
import { runMs } from "./describe";
import type { TaskItem } from "./types";

const PAGE = 50;
const FAILED: ReadonlySet<string> = new Set(["failed", "timeout", "canceled"]);

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text === undefined) return "—";
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Props of `<TaskItems>`. */
export interface TaskItemsProps {
  total: number;
  items: readonly TaskItem[];
  now: number;
}

/** The item table of one with-items run. */
export function TaskItems({ total, items, now }: TaskItemsProps): ReactNode {
  const [onlyFailed, setOnlyFailed] = useState(false);
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const ok = items.filter((i) => i.status === "succeeded").length;
  const bad = items.filter((i) => FAILED.has(i.status)).length;
  const shown = onlyFailed ? items.filter((i) => FAILED.has(i.status)) : items;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const at = Math.min(page, pages - 1);
  const rows = shown.slice(at * PAGE, (at + 1) * PAGE);
  const opened = open === null ? undefined : items.find((i) => i.index === open);

  const columns: Column<TaskItem>[] = [
    { key: "index", header: "#", width: "3rem", nowrap: true, render: (i) => <span className="mono">{i.index}</span> },
    { key: "status", header: "Status", width: "7.5rem", nowrap: true, render: (i) => <StatusBadge status={i.status} /> },
    { key: "item", header: "Item", render: (i) => <span className="mono truncate exec-items__value" title={typeof i.item === "string" ? i.item : JSON.stringify(i.item)}>{short(i.item)}</span> },
    { key: "time", header: "Time", width: "5.5rem", nowrap: true, align: "right", render: (i) => <span className="mono">{formatDuration(runMs(i.startedAt, i.finishedAt, now) ?? NaN)}</span> },
  ];

  return (
    <div className="exec-items" data-testid="execution-task-items">
      <div className="row exec-items__summary">
        <span data-testid="execution-task-items-count">
          <strong>{ok + bad}</strong> of <strong>{total}</strong> done
        </span>
        <span className="exec-items__ok">{ok} succeeded</span>
        {bad > 0 && <span className="exec-items__bad">{bad} failed</span>}
        {bad > 0 && (
          <label className="exec-items__only">
            <input type="checkbox" checked={onlyFailed} onChange={(e) => { setOnlyFailed(e.target.checked); setPage(0); }} data-testid="execution-task-items-failed" /> only failed
          </label>
        )}
      </div>
      <div className="exec-items__bar" aria-hidden="true">
        <span className="exec-items__bar-ok" style={{ width: `${total === 0 ? 0 : (100 * ok) / total}%` }} />
        <span className="exec-items__bar-bad" style={{ width: `${total === 0 ? 0 : (100 * bad) / total}%` }} />
      </div>
      <DataTable<TaskItem>
        columns={columns}
        rows={rows}
        rowKey={(i) => String(i.index)}
        onRowClick={(i) => setOpen(open === i.index ? null : i.index)}
        rowClassName={(i) => (i.index === open ? "is-selected" : FAILED.has(i.status) ? "executions-row--failed" : undefined)}
        maxHeight="22rem"
        testId="execution-task-items-table"
        empty={<p className="muted exec-panel__none">{onlyFailed ? "No failed items." : "No items have started yet."}</p>}
      />
      {pages > 1 && (
        <div className="row exec-items__pager">
          <button type="button" className="button button--small" disabled={at === 0} onClick={() => setPage(at - 1)} data-testid="execution-task-items-prev">
            ← Previous
          </button>
          <span className="muted">
            {at * PAGE + 1}–{Math.min(shown.length, (at + 1) * PAGE)} of {shown.length}
          </span>
          <button type="button" className="button button--small" disabled={at >= pages - 1} onClick={() => setPage(at + 1)} data-testid="execution-task-items-next">
            Next →
          </button>
        </div>
      )}
      {opened !== undefined && (
        <div className="exec-item" data-testid="execution-task-item">
          <div className="exec-item__head">
            <strong>Item {opened.index}</strong> <StatusBadge status={opened.status} /> <span className="muted">attempt {opened.attempt}</span>
            <button type="button" className="button button--ghost button--small" onClick={() => setOpen(null)}>
              Close
            </button>
          </div>
          {opened.error !== null && <pre className="exec-error exec-error--block">{opened.error}</pre>}
          <div className="exec-item__label">Item</div>
          <JsonView value={opened.item} openDepth={1} />
          <div className="exec-item__label">Input</div>
          <JsonView value={opened.input} openDepth={1} />
          <div className="exec-item__label">Result</div>
          <JsonView value={opened.result} openDepth={1} />
        </div>
      )}
    </div>
  );
}
