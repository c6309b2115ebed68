// Where to look next for one instance of a drill run: its events (the events search narrowed to
// the instance since the injection) and the executions the run saw it cause. The report names
// executions only in its timeline lines ("execution <id> created: …", written by
// src/drill/follow.ts), so they are read from there; a line that does not parse is skipped.
import { pathTo, queryString } from "../../app/router";
import type { DrillInstanceReport, DrillTimelineEntry } from "./types";

const EXECUTION = /^execution (\S+) created\b/;

/** Execution ids the timeline names, per instance, in the order seen. */
export function executionsByInstance(timeline: readonly DrillTimelineEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of timeline) {
    if (t.instanceId === null) continue;
    const m = EXECUTION.exec(t.what);
    if (m?.[1] === undefined) continue;
    const list = out.get(t.instanceId) ?? [];
    if (!list.includes(m[1])) list.push(m[1]);
    out.set(t.instanceId, list);
  }
  return out;
}

/** The console's events search for this instance since its injection (or the run's start). */
export function eventsHref(i: DrillInstanceReport, runStartedAt: string): string {
  return `/events${queryString({ subject: i.instanceId, from: i.injectedAt ?? runStartedAt })}`;
}

/** The console's page of one execution. */
export function executionHref(id: string): string {
  return pathTo("/executions/:id", { id });
}
