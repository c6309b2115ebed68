// "MTTR over runs" for one drill: a small bar chart of the mean time to heal of its last runs,
// oldest on the left, coloured by the run's verdict, with the healWithin criterion as a dashed
// line for scale. A bar is a link to its run; the current run (on a run's page) is outlined.
import type { ReactNode } from "react";
import { navigate, pathTo } from "../../app/router";
import { useApi } from "../../api/use-api";
import { ApiView, formatDuration } from "../../components";
import { runTone, shortMs } from "./drill-format";
import type { DrillRunItem, Items } from "./types";
import { useWidth } from "./use-width";

/** Props of `<MttrChart>`. */
export interface MttrChartProps {
  drill: string;
  /** The criterion drawn as a reference line. */
  healWithinMs?: number;
  /** A run to outline. */
  current?: string;
  /** How many runs (default 30). */
  limit?: number;
  height?: number;
  /** Reload this often (ms), e.g. while a run is going on. */
  pollMs?: number;
}

/** The chart, with its own loading, error and empty states. */
export function MttrChart({ drill, healWithinMs, current, limit = 30, height = 72, pollMs }: MttrChartProps): ReactNode {
  const runs = useApi<Items<DrillRunItem>>("/api/v1/drill-runs", { query: { drill, limit }, pollMs });
  return (
    <div className="drill-mttr" data-testid="drill-mttr" data-drill={drill}>
      <ApiView
        state={runs}
        loading={<div className="skeleton" style={{ height }} />}
        isEmpty={(d) => d.items.every((r) => (r.summary?.mttrMs ?? null) === null)}
        empty={
          <div className="drill-mttr__empty muted" style={{ height }} data-testid="drill-mttr-empty">
            No healed runs yet: MTTR shows here once a run heals something.
          </div>
        }
      >
        {(d) => <Bars runs={[...d.items].reverse()} healWithinMs={healWithinMs} current={current} height={height} />}
      </ApiView>
    </div>
  );
}

function Bars({ runs, healWithinMs, current, height }: { runs: readonly DrillRunItem[]; healWithinMs: number | undefined; current: string | undefined; height: number }): ReactNode {
  const [ref, width] = useWidth<HTMLDivElement>(300);
  const values = runs.map((r) => r.summary?.mttrMs ?? null);
  // Scaled to the runs, so differences between them show; the criterion is drawn when it is
  // on the scale (up to twice the slowest run), else named in the corner.
  const highest = Math.max(1, ...values.map((v) => v ?? 0));
  const limitShown = healWithinMs !== undefined && healWithinMs <= highest * 2;
  const top = Math.max(highest, limitShown ? (healWithinMs ?? 0) : 0) * 1.12;
  const pad = 4;
  const plotH = height - pad - 14;
  const slot = (width - 2) / Math.max(runs.length, 8);
  const bar = Math.max(3, Math.min(22, slot - 3));
  const y = (v: number): number => pad + plotH - (v / top) * plotH;
  const last = [...values].reverse().find((v) => v !== null);
  return (
    <div ref={ref} className="drill-mttr__plot">
      <svg width={width} height={height} role="img" aria-label={`MTTR of the last ${runs.length} runs`}>
        {healWithinMs !== undefined && !limitShown && (
          <text x={width - 2} y={9} className="drill-mttr__limit-label">
            healWithin {shortMs(healWithinMs)} ↑
          </text>
        )}
        {healWithinMs !== undefined && limitShown && (
          <g>
            <line x1={0} x2={width} y1={y(healWithinMs)} y2={y(healWithinMs)} className="drill-mttr__limit" />
            <text x={width - 2} y={y(healWithinMs) - 3} className="drill-mttr__limit-label">
              healWithin {shortMs(healWithinMs)}
            </text>
          </g>
        )}
        {runs.map((r, n) => {
          const v = r.summary?.mttrMs ?? null;
          const x = 1 + n * slot + (slot - bar) / 2;
          const h = v === null ? 2 : Math.max(2, plotH + pad - y(v));
          const go = (): void => navigate(pathTo("/drills/runs/:id", { id: r.runId }));
          return (
            <g key={r.runId} className={`drill-mttr__bar drill-mttr__bar--${runTone(r.status)}${r.runId === current ? " is-current" : ""}${v === null ? " is-none" : ""}`} onClick={go} data-testid="drill-mttr-bar" data-run={r.runId}>
              <rect x={x - 1} y={pad} width={bar + 2} height={plotH} className="drill-mttr__hit" />
              <rect x={x} y={pad + plotH - h} width={bar} height={h} rx={1.5} />
              <title>{`${new Date(r.startedAt).toLocaleString()} — ${r.status}${v === null ? ", no MTTR" : `, MTTR ${formatDuration(v)}`}`}</title>
            </g>
          );
        })}
        <text x={0} y={9} className="drill-mttr__axis">
          {formatDuration(highest)}
        </text>
        <text x={0} y={height - 2} className="drill-mttr__axis">
          last {runs.length} run{runs.length === 1 ? "" : "s"}
        </text>
        {last !== undefined && last !== null && (
          <text x={width - 2} y={height - 2} className="drill-mttr__axis drill-mttr__axis--end">
            latest {formatDuration(last)}
          </text>
        )}
      </svg>
    </div>
  );
}
