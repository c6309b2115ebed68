// One would-be match of a backtest: the event (time, type, subject, a link to it) and, opened,
// what each target would have been sent — or which template would have failed, and where.
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { JsonView, StatusBadge, TimeAgo } from "../../components";
import type { BacktestItem } from "./types";

/** Props of `<BacktestRow>`. */
export interface BacktestRowProps {
  item: BacktestItem;
  open: boolean;
  onToggle: () => void;
}

/** A match, folded or open. */
export function BacktestRow({ item, open, onToggle }: BacktestRowProps): ReactNode {
  const failing = item.targets.filter((t) => t.error !== undefined).length;
  const { event } = item;
  return (
    <li className={`backtest-item${open ? " is-open" : ""}`} data-testid="rule-backtest-item" data-event-id={event.id}>
      <button type="button" className="backtest-item__head" onClick={onToggle} aria-expanded={open} data-testid="rule-backtest-item-toggle">
        <span className="backtest-item__chevron" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        <span className="backtest-item__time">{event.time === null ? <span className="muted">no time</span> : <TimeAgo time={event.time} />}</span>
        <span className="mono truncate backtest-item__type">{event.type}</span>
        <span className="truncate muted backtest-item__subject">{event.subject ?? event.source}</span>
        {failing > 0 ? <StatusBadge status="failed" label={`${failing} template${failing === 1 ? "" : "s"} fail`} /> : <span className="muted nowrap">{item.targets.length} target{item.targets.length === 1 ? "" : "s"}</span>}
      </button>
      {open && (
        <div className="backtest-item__body">
          <div className="row muted backtest-item__meta">
            <span>
              event <Link to={pathTo("/events/:id", { id: event.id }, { source: event.source })} className="mono">{event.id}</Link>
            </span>
            <span>
              source <span className="mono">{event.source}</span>
            </span>
            <span>seq {event.seq}</span>
            {event.time !== null && <span className="mono">{event.time}</span>}
          </div>
          {item.targets.map((t) => (
            <div key={t.name} className="backtest-target" data-testid="rule-backtest-target" data-target={t.name}>
              <div className="backtest-target__head">
                <strong className="mono">{t.name}</strong>
                <span className="rule-chip__type">{t.type}</span>
                {t.error !== undefined && <StatusBadge status="failed" label="would fail" />}
              </div>
              {t.error !== undefined ? (
                <div className="inline-error">
                  {t.error}
                  {t.pointer !== undefined && (
                    <>
                      {" "}
                      at <code>{t.pointer}</code>
                    </>
                  )}
                </div>
              ) : (
                <JsonView value={t.request} openDepth={3} testId="rule-backtest-request" />
              )}
            </div>
          ))}
        </div>
      )}
    </li>
  );
}
