// The faults injected into the simulator, newest first: kind, instance, when, and how each one
// ended — still active, cleared by what, or failed. Filterable by outcome (in the URL), narrowed
// to one instance when one is selected, shown a page at a time.
import { useMemo, useState } from "react";
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { EmptyState, StatusBadge, TimeAgo } from "../../components";
import { FAULT_OUTCOMES, OUTCOME_TONE, outcomeOf, outcomeText } from "./fault-outcome";
import type { FaultOutcome } from "./fault-outcome";
import type { SimFault, SimInstance } from "./types";

const PAGE = 25;

/** Props of `<FaultsHistory>`. */
export interface FaultsHistoryProps {
  faults: readonly SimFault[];
  instances: ReadonlyMap<string, SimInstance>;
  /** The outcome filter ("" for all). */
  outcome: string;
  /** The instance it is narrowed to, if any. */
  instanceId: string | undefined;
  onSelectInstance: (id: string | undefined) => void;
}

/** The fault history list with its filter. */
export function FaultsHistory({ faults, instances, outcome, instanceId, onSelectInstance }: FaultsHistoryProps): ReactNode {
  const [shown, setShown] = useState(PAGE);
  const now = Date.now();
  const counts = useMemo(() => {
    const c: Record<FaultOutcome, number> = { active: 0, cleared: 0, failed: 0 };
    for (const f of faults) c[outcomeOf(f)] += 1;
    return c;
  }, [faults]);
  const sorted = useMemo(
    () => faults.filter((f) => outcome === "" || outcomeOf(f) === outcome).sort((a, b) => Date.parse(b.injectedAt) - Date.parse(a.injectedAt)),
    [faults, outcome],
  );

  return (
    <section className="card fleet-history" data-testid="fleet-faults">
      <div className="fleet-history__head">
        <h2>Faults</h2>
        <div className="fleet-seg" role="group" aria-label="Show faults">
          <button type="button" className={outcome === "" ? "is-on" : ""} aria-pressed={outcome === ""} onClick={() => setQuery({ faults: undefined })} data-testid="fleet-faults-filter-all">
            All <span className="muted">{faults.length}</span>
          </button>
          {FAULT_OUTCOMES.map((o) => (
            <button key={o} type="button" className={outcome === o ? "is-on" : ""} aria-pressed={outcome === o} onClick={() => setQuery({ faults: o })} data-testid={`fleet-faults-filter-${o}`}>
              {o} <span className="muted">{counts[o]}</span>
            </button>
          ))}
        </div>
      </div>
      {instanceId !== undefined && (
        <div className="fleet-history__scope">
          <span>
            Only <strong>{instances.get(instanceId)?.name ?? instanceId}</strong> <span className="mono muted">{instanceId}</span>
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => onSelectInstance(undefined)} data-testid="fleet-faults-clear-instance">
            Show all instances
          </button>
        </div>
      )}
      {sorted.length === 0 ? (
        <EmptyState title={faults.length === 0 ? "No faults injected yet" : `No ${outcome} faults`} testId="fleet-faults-empty">
          {faults.length === 0 ? "Inject one from an instance's Fault menu, or run a drill; each fault shows here from injection to how it ended." : "Pick another filter above."}
        </EmptyState>
      ) : (
        <ol className="fleet-history__list">
          {sorted.slice(0, shown).map((f) => {
            const o = outcomeOf(f);
            const inst = instances.get(f.instanceId);
            return (
              <li key={f.id} className={`fleet-fault fleet-fault--${o}`} data-testid="fleet-fault" data-key={f.id} data-outcome={o}>
                <div className="fleet-fault__top">
                  <span className="mono fleet-fault__kind">{f.kind}</span>
                  <StatusBadge status={o} tone={OUTCOME_TONE[o]} />
                  <TimeAgo time={f.injectedAt} />
                </div>
                <div className="fleet-fault__what">
                  <button type="button" className="fleet-link" onClick={() => onSelectInstance(f.instanceId)} title="only this instance's faults">
                    {inst?.name ?? f.instanceId}
                  </button>{" "}
                  <span className="muted mono">{f.id}</span>
                </div>
                <div className={o === "failed" ? "fleet-fault__end inline-error" : "fleet-fault__end muted"} data-testid="fleet-fault-outcome">
                  {outcomeText(f, now)}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {sorted.length > shown && (
        <button type="button" className="button button--ghost button--small fleet-history__more" onClick={() => setShown(shown + PAGE)} data-testid="fleet-faults-more">
          Show {Math.min(PAGE, sorted.length - shown)} more of {sorted.length - shown}
        </button>
      )}
    </section>
  );
}
