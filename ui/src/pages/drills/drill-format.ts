// Small words and numbers for drills: durations short enough for an axis ("1m30s"), a dash for
// what was not measured, the drill's instance spec and criteria in one line, and the colour of
// a run's status and an instance's outcome.
import { formatDuration } from "../../components";
import type { StatusTone } from "../../components";
import type { DrillView } from "./types";

/** "0s", "850ms", "15s", "2m", "1m30s", "1h05m" — for axes and compact cells. */
export function shortMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  const sign = ms < 0 ? "-" : "";
  const a = Math.abs(ms);
  if (a === 0) return "0s";
  if (a < 1000) return `${sign}${Math.round(a)}ms`;
  if (a < 60_000) return `${sign}${Number((a / 1000).toFixed(a < 10_000 ? 1 : 0))}s`;
  const totalS = Math.round(a / 1000);
  if (a < 3_600_000) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return `${sign}${m}m${s === 0 ? "" : `${String(s).padStart(2, "0")}s`}`;
  }
  const h = Math.floor(totalS / 3600);
  const m = Math.round((totalS % 3600) / 60);
  return `${sign}${h}h${String(m).padStart(2, "0")}m`;
}

/** A measured duration, or a dash when there is none. */
export function msOrDash(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "—" : formatDuration(ms);
}

/** "50 new tencent instances" or "3 listed instances". */
export function instancesText(d: DrillView): string {
  const c = d.instances.create;
  if (c !== undefined) return `${c.count} new ${c.cloud}${c.preemptible === true ? " preemptible" : ""} instance${c.count === 1 ? "" : "s"}`;
  const n = d.instances.ids?.length ?? 0;
  return `${n} listed instance${n === 1 ? "" : "s"}`;
}

/** The tone of a run status. */
export function runTone(status: string): StatusTone {
  if (status === "passed") return "ok";
  if (status === "failed" || status === "error") return "bad";
  if (status === "running") return "busy";
  return "idle";
}

/** The tone of an instance outcome. */
export function outcomeTone(outcome: string): StatusTone {
  if (outcome === "healed") return "ok";
  if (outcome === "failed" || outcome === "unhealed") return "bad";
  if (outcome === "pending") return "busy";
  return "warn";
}
