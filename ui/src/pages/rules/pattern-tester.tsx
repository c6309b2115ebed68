// "Would this rule catch that event?" The pattern — the saved rule's, the one in the editor
// while it is valid, or one typed here — against a stored or pasted event, through
// `POST /api/v1/patterns/test` (the server's matcher, never a copy of it). The test runs a
// moment after any change (and on Ctrl+Enter); the answer is a large match / no match with the
// server's explanation below it (each condition, what it wants, what the event has), or the
// problem with the pattern's JSON pointer.
import { useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { ApiError } from "../../api/api-error";
import { isAbort, toApiError } from "../../api/api-error";
import { api } from "../../api/client";
import { useApi } from "../../api/use-api";
import { useQuery } from "../../app/query-state";
import { Spinner } from "../../components";
import { EventPicker } from "./event-picker";
import type { EventWithLineage } from "./event-picker";
import { parseJsonText, prettyJson } from "./json-text";
import { NEEDS_TOKEN, useHasToken } from "./use-has-token";
import { PatternExplanation } from "./pattern-explanation";
import type { PatternExplanationView, PatternTestAnswer, RuleView } from "./types";

/** Props of `<PatternTester>`. */
export interface PatternTesterProps {
  rule: RuleView | undefined;
  /** The editor's rule while its text is valid and differs from the saved one. */
  draft: Record<string, unknown> | null;
}

type Outcome = { state: "waiting"; why: string } | { state: "running" } | { state: "match"; match: boolean; explanation: PatternExplanationView | undefined } | { state: "problem"; error: ApiError };

/** The pattern tester panel. */
export function PatternTester({ rule, draft }: PatternTesterProps): ReactNode {
  const query = useQuery();
  const draftPattern = draft !== null && typeof draft.pattern === "object" && draft.pattern !== null ? draft.pattern : null;
  const followed = draftPattern ?? rule?.pattern ?? {};
  const followedFrom = draftPattern !== null ? "the editor (not saved)" : rule !== undefined ? "the saved rule" : "nothing yet";
  const [custom, setCustom] = useState<string | null>(null);
  const patternText = custom ?? prettyJson(followed);
  const dialect = (draftPattern !== null ? String(draft?.patternDialect ?? "reflex") : rule?.patternDialect) ?? "reflex";
  const [dialectChoice, setDialectChoice] = useState<string | null>(null);
  const usedDialect = dialectChoice ?? dialect;

  const [mode, setMode] = useState<"stored" | "paste">("stored");
  const [pasted, setPasted] = useState("");
  const id = query.event ?? "";
  const stored = useApi<EventWithLineage>(mode === "stored" && id !== "" ? `/api/v1/events/${encodeURIComponent(id)}` : null, { query: { source: query.eventSource } });

  const pattern = useMemo(() => parseJsonText(patternText, "The pattern"), [patternText]);
  const event = useMemo(() => {
    if (mode === "paste") return parseJsonText(pasted, "The event");
    if (id === "") return { ok: false as const, message: "Pick a stored event or paste one" };
    if (stored.data === undefined) return { ok: false as const, message: stored.error !== undefined ? "The event could not be loaded" : "Loading the event…" };
    return { ok: true as const, value: stored.data.event as unknown };
  }, [mode, pasted, id, stored.data, stored.error]);

  const [outcome, setOutcome] = useState<Outcome>({ state: "waiting", why: "" });
  const [runs, setRuns] = useState(0);
  const hasToken = useHasToken();
  useEffect(() => {
    if (!hasToken) {
      setOutcome({ state: "waiting", why: NEEDS_TOKEN });
      return;
    }
    if (!pattern.ok || !event.ok) {
      setOutcome({ state: "waiting", why: !pattern.ok ? pattern.message : event.ok ? "" : event.message });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setOutcome({ state: "running" });
      api<PatternTestAnswer>("/api/v1/patterns/test", { method: "POST", body: { pattern: pattern.value, event: event.value, dialect: usedDialect, explain: true }, signal: controller.signal })
        .then((answer) => setOutcome({ state: "match", match: answer.match, explanation: answer.explanation }))
        .catch((error: unknown) => {
          if (!isAbort(error) && !controller.signal.aborted) setOutcome({ state: "problem", error: toApiError(error, "/api/v1/patterns/test") });
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [pattern, event, usedDialect, runs, hasToken]);

  return (
    <div
      className="stack pattern-tester"
      data-testid="rule-tester"
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          setRuns((n) => n + 1);
        }
      }}
    >
      <TestResult outcome={outcome} onRun={() => setRuns((n) => n + 1)} />
      {outcome.state === "match" && outcome.explanation !== undefined && <PatternExplanation explanation={outcome.explanation} />}
      <div className="pattern-tester__cols">
        <div className="stack pattern-tester__col">
          <div className="row pattern-tester__label">
            <h3>Pattern</h3>
            <span className="muted" data-testid="rule-test-pattern-from">
              {custom === null ? `from ${followedFrom}` : "edited here"}
            </span>
            <span className="rule-panel__spacer" />
            <select className="select select--small" aria-label="Pattern dialect" value={usedDialect} onChange={(e) => setDialectChoice(e.target.value)} data-testid="rule-test-dialect">
              <option value="reflex">reflex</option>
              <option value="eventbridge">eventbridge</option>
            </select>
            {custom !== null && (
              <button type="button" className="button button--ghost button--small" onClick={() => setCustom(null)} data-testid="rule-test-pattern-reset">
                Use the rule's
              </button>
            )}
          </div>
          <textarea className="textarea rule-json" rows={Math.min(16, Math.max(5, patternText.split("\n").length + 1))} spellCheck={false} value={patternText} onChange={(e) => setCustom(e.target.value)} aria-label="Pattern JSON" data-testid="rule-test-pattern" />
        </div>
        <div className="stack pattern-tester__col">
          <div className="row pattern-tester__label">
            <h3>Event</h3>
          </div>
          <EventPicker bus={rule?.bus ?? (typeof draft?.bus === "string" ? draft.bus : undefined)} ruleName={rule?.name} pasted={pasted} onPaste={setPasted} mode={mode} onMode={setMode} />
        </div>
      </div>
    </div>
  );
}

/** The verdict, large. */
function TestResult({ outcome, onRun }: { outcome: Outcome; onRun: () => void }): ReactNode {
  let body: ReactNode;
  let tone: string;
  switch (outcome.state) {
    case "waiting":
      tone = "idle";
      body = <span>{outcome.why === "" ? "Waiting for a pattern and an event" : outcome.why}</span>;
      break;
    case "running":
      tone = "busy";
      body = (
        <span>
          <Spinner /> Testing…
        </span>
      );
      break;
    case "match":
      tone = outcome.match ? "ok" : "no";
      body = <strong>{outcome.match ? "✓ Matches: the rule would fire for this event" : "✗ No match: the rule would ignore this event"}</strong>;
      break;
    case "problem":
      tone = "bad";
      body = (
        <span>
          <strong>The pattern is not valid.</strong> {outcome.error.detail}
          {outcome.error.errors.length > 1 && (
            <ul className="rule-test-problems">
              {outcome.error.errors.map((p, i) => (
                <li key={i}>
                  {p.pointer !== undefined && <code>{p.pointer}</code>} {p.message}
                </li>
              ))}
            </ul>
          )}
        </span>
      );
      break;
  }
  return (
    <div className={`rule-test-result rule-test-result--${tone}`} data-testid="rule-test-result" data-state={outcome.state === "match" ? (outcome.match ? "match" : "no-match") : outcome.state} role="status" aria-live="polite">
      <div className="rule-test-result__text">{body}</div>
      <button type="button" className="button button--small" onClick={onRun} title="Test again (Ctrl+Enter)" data-testid="rule-test-run">
        Test
      </button>
    </div>
  );
}
