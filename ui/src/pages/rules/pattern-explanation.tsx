// Why the pattern tester's event matches or not, as the server explains it: one row per
// condition of the alternative shown (the matching one, or the closest to matching), with
// whether it holds, where it is written in the pattern, what it wants and what the event has
// at that field. Failing rows come first to the eye by their mark and tone.
import type { ReactNode } from "react";
import type { PatternExplanationView } from "./types";

/** Props of `<PatternExplanation>`. */
export interface PatternExplanationProps {
  explanation: PatternExplanationView;
}

/** The condition-by-condition explanation of a pattern test. */
export function PatternExplanation({ explanation }: PatternExplanationProps): ReactNode {
  const { alternatives, alternative, conditions, splitAcrossArrayElements } = explanation;
  return (
    <div className="stack pattern-explanation" data-testid="rule-test-explanation">
      {alternatives > 1 && (
        <p className="muted pattern-explanation__note" data-testid="rule-test-alternative">
          The pattern has {alternatives} alternatives ($or); shown: alternative {alternative + 1}.
        </p>
      )}
      <div className="data-table">
        <table>
          <thead>
            <tr>
              <th>Holds</th>
              <th>Pattern</th>
              <th>Wants</th>
              <th>Event has</th>
            </tr>
          </thead>
          <tbody>
            {conditions.map((c) => (
              <tr key={c.pointer} className={c.holds ? undefined : "pattern-explanation__fails"} data-testid="rule-test-condition" data-holds={c.holds ? "yes" : "no"}>
                <td>{c.holds ? "✓" : "✗"}</td>
                <td className="pattern-explanation__pointer">
                  <code>{c.pointer}</code>
                </td>
                <td className="pattern-explanation__value">
                  <code>{JSON.stringify(c.expected)}</code>
                </td>
                <td className="pattern-explanation__value">{eventValues(c.values, c.valueCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {splitAcrossArrayElements && (
        <p className="pattern-explanation__note" data-testid="rule-test-split">
          Every condition holds, but on different elements of an array: fields matched together must come from the same element.
        </p>
      )}
    </div>
  );
}

function eventValues(values: readonly (string | number | boolean | null)[], count: number): ReactNode {
  if (count === 0) return <span className="muted">absent</span>;
  const more = count > values.length ? ` … (${count} values)` : "";
  return (
    <code>
      {values.map((v) => JSON.stringify(v)).join(", ")}
      {more}
    </code>
  );
}
