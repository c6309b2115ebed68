// "What would this rule have done last week?" `POST /api/v1/rules/:name/backtest` walks the
// stored events of a window through the rule in force and answers what each target would have
// been sent — delivering nothing. The window is in the URL (`from`, `to`), so a backtest is a
// link; opening such a link runs it.
import { useEffect, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import type { ApiError } from "../../api/api-error";
import { isAbort, toApiError } from "../../api/api-error";
import { api } from "../../api/client";
import { setQuery, useQuery } from "../../app/query-state";
import { EmptyState, ErrorState, Loading } from "../../components";
import { BacktestRow } from "./backtest-item";
import type { BacktestResult } from "./types";
import { NEEDS_TOKEN, useHasToken } from "./use-has-token";

const PRESETS = ["1h", "6h", "24h", "7d", "30d"] as const;

/** Props of `<BacktestPanel>`. */
export interface BacktestPanelProps {
  name: string;
  /** True when the editor holds changes: the backtest still uses the rule in force. */
  dirty: boolean;
}

type Run = { state: "idle" } | { state: "running" } | { state: "done"; result: BacktestResult } | { state: "failed"; error: ApiError };

/** The backtest panel. */
export function BacktestPanel({ name, dirty }: BacktestPanelProps): ReactNode {
  const query = useQuery();
  const from = query.from ?? "";
  const to = query.to ?? "";
  const [fromText, setFromText] = useState(from === "" ? "24h" : from);
  const [toText, setToText] = useState(to);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const controller = useRef<AbortController | null>(null);
  const hasToken = useHasToken();

  const start = (span: { from: string; to: string }): void => {
    if (!hasToken) return;
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setRun({ state: "running" });
    setOpen(new Set());
    const body = span.to === "" ? { from: span.from } : { from: span.from, to: span.to };
    api<BacktestResult>(`/api/v1/rules/${encodeURIComponent(name)}/backtest`, { method: "POST", body, signal: mine.signal })
      .then((result) => setRun({ state: "done", result }))
      .catch((error: unknown) => {
        if (!isAbort(error) && !mine.signal.aborted) setRun({ state: "failed", error: toApiError(error, "backtest") });
      });
  };

  // A link with a window runs it on arrival.
  useEffect(() => {
    if (from !== "") start({ from, to });
    return () => controller.current?.abort();
    // Once per rule: later runs come from the form.
  }, [name]);

  const submit = (event: FormEvent, span = { from: fromText.trim(), to: toText.trim() }): void => {
    event.preventDefault();
    if (span.from === "") return;
    setFromText(span.from);
    setToText(span.to);
    setQuery({ from: span.from, to: span.to === "" ? undefined : span.to });
    start(span);
  };

  return (
    <div className="stack backtest" data-testid="rule-backtest">
      <p className="muted backtest__note">
        Walks the stored events of a window on the rule's bus through the rule <strong>in force</strong> and shows what each target would have been sent. Nothing is delivered; throttle, dedupe and group are not simulated.
        {dirty && (
          <strong className="backtest__dirty" data-testid="rule-backtest-dirty">
            {" "}
            Your edits are not saved: this backtests the saved rule.
          </strong>
        )}
      </p>
      <form className="backtest__form" onSubmit={submit}>
        <span className="backtest__field-label">Last</span>
        <div className="segmented" role="group" aria-label="Window">
          {PRESETS.map((p) => (
            <button key={p} type="button" className={from === p && to === "" ? "is-active" : ""} onClick={(e) => submit(e, { from: p, to: "" })} data-testid={`rule-backtest-preset-${p}`}>
              {p}
            </button>
          ))}
        </div>
        <span className="backtest__break" aria-hidden="true" />
        <label className="backtest__field">
          <span>from</span>
          <input className="input mono" value={fromText} onChange={(e) => setFromText(e.target.value)} placeholder="7d, 2024-05-01T00:00:00Z or epoch ms" data-testid="rule-backtest-from" />
        </label>
        <label className="backtest__field">
          <span>to</span>
          <input className="input mono" value={toText} onChange={(e) => setToText(e.target.value)} placeholder="now" data-testid="rule-backtest-to" />
        </label>
        <button type="submit" className="button button--primary" disabled={run.state === "running" || fromText.trim() === ""} data-testid="rule-backtest-run">
          {run.state === "running" ? "Running…" : "Run backtest"}
        </button>
      </form>
      {hasToken ? <BacktestOutcome run={run} open={open} setOpen={setOpen} /> : <p className="rule-warning" data-testid="rule-backtest-needs-token">{NEEDS_TOKEN}</p>}
    </div>
  );
}

function BacktestOutcome({ run, open, setOpen }: { run: Run; open: ReadonlySet<number>; setOpen: (next: ReadonlySet<number>) => void }): ReactNode {
  if (run.state === "idle") return <p className="muted">Choose a window and run the backtest.</p>;
  if (run.state === "running") return <Loading rows={4} label="Running the backtest" testId="rule-backtest-loading" />;
  if (run.state === "failed") return <ErrorState error={run.error} title="The backtest did not run" testId="rule-backtest-error" />;
  const { result } = run;
  const allOpen = result.items.length > 0 && result.items.every((i) => open.has(i.event.seq));
  return (
    <div className="stack backtest__result" data-testid="rule-backtest-result">
      <div className="backtest__summary">
        <span data-testid="rule-backtest-summary">
          <strong>{result.matched.toLocaleString()}</strong> of {result.scanned.toLocaleString()} event{result.scanned === 1 ? "" : "s"} on bus <code>{result.bus}</code> would have matched
        </span>
        <span className="muted">
          {new Date(result.from).toLocaleString()} → {new Date(result.to).toLocaleString()}
        </span>
        {result.items.length > 0 && (
          <button type="button" className="button button--ghost button--small" onClick={() => setOpen(allOpen ? new Set() : new Set(result.items.map((i) => i.event.seq)))} data-testid="rule-backtest-expand-all">
            {allOpen ? "Collapse all" : "Expand all"}
          </button>
        )}
      </div>
      {!result.complete && (
        <p className="rule-warning" data-testid="rule-backtest-incomplete">
          The scan stopped at its limit of {result.scanned.toLocaleString()} events before the end of the window; choose a shorter window to see all of it.
        </p>
      )}
      {result.truncated && (
        <p className="muted" data-testid="rule-backtest-truncated">
          Showing the first {result.items.length} matches of {result.matched.toLocaleString()}, oldest first.
        </p>
      )}
      {result.items.length === 0 ? (
        <EmptyState title="Nothing would have matched" testId="rule-backtest-empty">
          None of the {result.scanned.toLocaleString()} stored events in this window matches the rule's pattern. Try a longer window, or test the pattern against an event you expected it to catch.
        </EmptyState>
      ) : (
        <ol className="backtest__items">
          {result.items.map((item) => (
            <BacktestRow
              key={item.event.seq}
              item={item}
              open={open.has(item.event.seq)}
              onToggle={() => {
                const next = new Set(open);
                if (next.has(item.event.seq)) next.delete(item.event.seq);
                else next.add(item.event.seq);
                setOpen(next);
              }}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
