// The problems of the rule being edited, as `reflex validate` reports them: line:col, the JSON
// pointer, and what to change. Clicking one puts the cursor there. Problems about the text as a
// whole (line 0) come first, without a position.
import type { ReactNode } from "react";
import type { YamlProblem } from "./types";

/** Props of `<RuleProblems>`. */
export interface RuleProblemsProps {
  problems: readonly YamlProblem[];
  /** True while the text has changed since these were found (shown dimmed). */
  stale?: boolean;
  onPick: (problem: YamlProblem) => void;
  testId?: string;
}

/** A clickable list of problems. */
export function RuleProblems({ problems, stale = false, onPick, testId = "rule-problems" }: RuleProblemsProps): ReactNode {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
  return (
    <ul className={`rule-problems${stale ? " is-stale" : ""}`} data-testid={testId} aria-live="polite">
      {sorted.map((p, i) => (
        <li key={`${p.line}:${p.col}:${i}`}>
          <button type="button" className="rule-problem" onClick={() => onPick(p)} data-testid="rule-problem" data-line={p.line} data-col={p.col} disabled={p.line === 0}>
            <span className="rule-problem__at mono">{p.line === 0 ? "—" : `${p.line}:${p.col}`}</span>
            <span className="rule-problem__message">{p.message}</span>
            {p.pointer !== "" && <code className="rule-problem__pointer">{p.pointer}</code>}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Line-positioned problems a failed save reported (`errors[]` of the problem carry line and col for YAML). */
export function problemsOfSaveError(errors: readonly { pointer?: string; message: string }[]): YamlProblem[] {
  return errors.map((e) => {
    const where = e as { line?: unknown; col?: unknown };
    return {
      line: typeof where.line === "number" ? where.line : 0,
      col: typeof where.col === "number" ? where.col : 0,
      pointer: e.pointer ?? "",
      message: e.message,
    };
  });
}
