// One configured drill as a card: what it breaks and on how many instances, its criteria, where
// it is declared, its MTTR over the last runs, its latest run, and — for operators — Run.
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { Link, pathTo } from "../../app/router";
import { IfCan, StatusBadge, TimeAgo } from "../../components";
import { instancesText, runTone, shortMs } from "./drill-format";
import { MttrChart } from "./mttr-chart";
import { RunDrillForm } from "./run-drill-form";
import type { DrillRunItem, DrillView } from "./types";

/** Props of `<DrillCard>`. */
export interface DrillCardProps {
  drill: DrillView;
  /** Its newest run, when the runs list has one. */
  latest: DrillRunItem | undefined;
  /** True when the runs list below shows only this drill. */
  focused: boolean;
}

/** The card of one drill. */
export function DrillCard({ drill, latest, focused }: DrillCardProps): ReactNode {
  const c = drill.criteria;
  const origin = drill.origin?.file === undefined ? null : `${shortPath(drill.origin.file)}${drill.origin.line === undefined ? "" : `:${drill.origin.line}`}`;
  return (
    <article className={`card drill-card${focused ? " is-focused" : ""}`} data-testid="drill-card" data-key={drill.name}>
      <header className="drill-card__head">
        <h2 className="drill-card__name mono">{drill.name}</h2>
        {latest !== undefined && (
          <Link to={pathTo("/drills/runs/:id", { id: latest.runId })} className="drill-card__latest" title="the latest run" data-testid="drill-card-latest">
            <StatusBadge status={latest.status} tone={runTone(latest.status)} /> <TimeAgo time={latest.startedAt} />
          </Link>
        )}
      </header>
      {drill.description !== undefined && <p className="drill-card__desc">{drill.description}</p>}
      <p className="drill-card__what">
        Breaks <strong className="mono">{drill.fault}</strong> on {instancesText(drill)}
        {drill.staggerMs > 0 ? `, one every ${shortMs(drill.staggerMs)}` : ", all at once"}.
      </p>
      <dl className="drill-card__facts">
        <div>
          <dt>detect within</dt>
          <dd>{shortMs(c.detectWithinMs)}</dd>
        </div>
        <div>
          <dt>heal within</dt>
          <dd>{shortMs(c.healWithinMs)}</dd>
        </div>
        <div>
          <dt>must meet</dt>
          <dd>{c.minHealedPercent}%</dd>
        </div>
        <div>
          <dt>timeout</dt>
          <dd>{shortMs(drill.timeoutMs)}</dd>
        </div>
      </dl>
      <div className="drill-card__chart">
        <div className="drill-card__chart-title muted">MTTR over runs</div>
        <MttrChart drill={drill.name} healWithinMs={c.healWithinMs} limit={30} height={64} />
      </div>
      <footer className="drill-card__foot">
        <IfCan role="operator">
          <RunDrillForm drill={drill} />
        </IfCan>
        <span className="drill-card__meta">
          <button type="button" className="fleet-link" onClick={() => setQuery({ drill: focused ? undefined : drill.name })} data-testid="drill-card-runs">
            {focused ? "all runs" : "its runs"}
          </button>
          {origin !== null && (
            <span className="muted mono drill-card__origin" title={drill.origin?.file}>
              {origin}
            </span>
          )}
        </span>
      </footer>
    </article>
  );
}

/** The last two segments of a path: enough to find the file, short enough for a card. */
function shortPath(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.slice(-2).join("/");
}
