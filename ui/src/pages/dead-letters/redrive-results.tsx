// What a re-drive of several dead letters did, one line per delivery: back in the queue, or
// why not (not found, no longer dead, still cannot be rendered, failed). It stays until
// closed, because the re-driven ones leave the dead-letter list when it reloads.
import type { ReactNode } from "react";
import { Link } from "../../app/router";
import { StatusBadge } from "../../components";
import type { StatusTone } from "../../components";
import type { RetryOutcome } from "./types";

/** A finished re-drive: its outcomes, and the rule/target of each id as the list showed them. */
export interface RedriveRun {
  results: readonly RetryOutcome[];
  labels: ReadonlyMap<string, string>;
}

const TONE: Readonly<Record<RetryOutcome["outcome"], StatusTone>> = { retried: "ok", not_found: "bad", conflict: "warn", failed: "bad" };
const WORD: Readonly<Record<RetryOutcome["outcome"], string>> = { retried: "re-driven", not_found: "not found", conflict: "not re-driven", failed: "failed" };

/** Props of `<RedriveResults>`. */
export interface RedriveResultsProps {
  run: RedriveRun;
  hrefOf: (id: string) => string;
  onClose: () => void;
}

/** The outcome panel of a bulk re-drive. */
export function RedriveResults({ run, hrefOf, onClose }: RedriveResultsProps): ReactNode {
  const ok = run.results.filter((r) => r.outcome === "retried").length;
  const bad = run.results.length - ok;
  return (
    <section className={`redrive-results card${bad > 0 ? " redrive-results--mixed" : ""}`} aria-label="Re-drive results" data-testid="dead-letters-results">
      <header className="redrive-results__head">
        <strong data-testid="dead-letters-results-summary">
          {ok} of {run.results.length} re-driven{bad > 0 ? `, ${bad} not` : ""}
        </strong>
        <span className="muted">Re-driven deliveries get a fresh cycle of attempts and leave this list; open one to follow it.</span>
        <span className="dl-inspector__spacer" />
        <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close the results" data-testid="dead-letters-results-close">
          ×
        </button>
      </header>
      <ul className="redrive-results__list">
        {run.results.map((r) => (
          <li key={r.id} data-testid="dead-letters-result" data-id={r.id} data-outcome={r.outcome}>
            <StatusBadge status={r.outcome} tone={TONE[r.outcome]} label={WORD[r.outcome]} />
            <span className="redrive-results__body">
              <span>
                <Link to={hrefOf(r.id)} replace className="redrive-results__what">
                  {run.labels.get(r.id) ?? r.id}
                </Link>
                {r.outcome === "retried" && r.delivery !== undefined && <span className="muted"> · now {r.delivery.status}, re-drive {r.delivery.redrives}</span>}
              </span>
              {r.error !== undefined && <span className="redrive-results__error">{r.error}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
