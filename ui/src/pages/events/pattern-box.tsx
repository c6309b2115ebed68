// The pattern box of the event search: a JSON event pattern (docs/patterns.md), checked as it
// is typed, with the fault's JSON pointer when it is wrong, a Format button, and the choice of
// strict EventBridge syntax.
import type { ReactNode } from "react";
import { Spinner } from "../../components";
import type { PatternCheck } from "./use-pattern-check";
import { jsonProblem } from "./use-pattern-check";

/** Props of `<PatternBox>`. */
export interface PatternBoxProps {
  text: string;
  onText: (text: string) => void;
  /** `eventbridge` for strict AWS syntax, else the Reflex dialect. */
  dialect: string | undefined;
  onDialect: (dialect: string | undefined) => void;
  check: PatternCheck;
  /** Ctrl/Cmd+Enter in the box runs the search. */
  onSubmit: () => void;
}

const EXAMPLE = '{\n  "source": ["cvm.cloud.tencent"],\n  "type": [{"prefix": "cvm:ErrorEvent:"}],\n  "data": {"value": [{"numeric": [">", 90]}]}\n}';

/** The pattern textarea and its check. */
export function PatternBox({ text, onText, dialect, onDialect, check, onSubmit }: PatternBoxProps): ReactNode {
  const format = (): void => {
    if (jsonProblem(text) === null) onText(JSON.stringify(JSON.parse(text), null, 2));
  };
  return (
    <div className="events-pattern" data-testid="events-pattern">
      <textarea
        className="textarea events-pattern__text"
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmit();
          }
        }}
        rows={Math.min(Math.max(text.split("\n").length, 4), 14)}
        spellCheck={false}
        placeholder={EXAMPLE}
        aria-label="Event pattern (JSON)"
        aria-invalid={check.state === "invalid"}
        data-testid="events-pattern-input"
      />
      <div className="events-pattern__bar">
        <PatternStatus check={check} />
        <span className="events-pattern__tools">
          <label className="events-check">
            <input type="checkbox" checked={dialect === "eventbridge"} onChange={(e) => onDialect(e.target.checked ? "eventbridge" : undefined)} data-testid="events-pattern-dialect" />
            Strict EventBridge syntax
          </label>
          <button type="button" className="button button--ghost button--small" onClick={format} disabled={check.state === "empty" || jsonProblem(text) !== null} data-testid="events-pattern-format">
            Format
          </button>
        </span>
      </div>
    </div>
  );
}

function PatternStatus({ check }: { check: PatternCheck }): ReactNode {
  switch (check.state) {
    case "empty":
      return <span className="muted">Only events matching this pattern are listed (Ctrl+Enter searches).</span>;
    case "checking":
      return (
        <span className="muted" data-testid="events-pattern-status" data-state="checking">
          <Spinner label="Checking" /> Checking…
        </span>
      );
    case "valid":
      return (
        <span className="events-pattern__ok" data-testid="events-pattern-status" data-state="valid">
          ✓ Valid pattern
        </span>
      );
    case "unknown":
      return (
        <span className="muted" data-testid="events-pattern-status" data-state="unknown">
          Could not check the pattern ({check.message}); the search will.
        </span>
      );
    case "invalid":
      return (
        <span className="inline-error" role="alert" data-testid="events-pattern-status" data-state="invalid">
          {check.pointer !== undefined && !check.message.includes(check.pointer) && <code>{check.pointer}</code>} {check.message}
          {check.errors.length > 1 && (
            <ul className="events-pattern__errors">
              {check.errors.map((e, i) => (
                <li key={i}>
                  {e.pointer !== undefined && <code>{e.pointer}</code>} {e.message}
                </li>
              ))}
            </ul>
          )}
        </span>
      );
  }
}
