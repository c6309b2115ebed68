// What the graph shows of a run, per task: the colour of its node, how many times it ran, how
// far a with-items task got, its attempts and time, and the sub-workflow it started. Also which
// edges were (most likely) taken: the view does not record transitions, so an edge counts as
// taken when its source finished and its target then ran. Each task gets a `sig` string so a
// node re-renders only when what it shows changed (live updates arrive every few hundred ms).
import { nodeStateOf } from "../statuses";
import type { NodeState } from "../statuses";
import type { ExecutionView, TaskRun } from "../types";
import type { GraphEdge } from "./graph-model";

/** Item counts of a with-items task run. */
export interface ItemProgress {
  total: number;
  ok: number;
  bad: number;
  busy: number;
}

/** A task's runs read for its node. */
export interface TaskRunInfo {
  state: NodeState;
  /** The latest run's status, when it ran. */
  status: string | undefined;
  /** Oldest first. */
  runs: TaskRun[];
  latest: TaskRun | undefined;
  items: ItemProgress | undefined;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
  childExecutionId: string | null;
  /** Changes whenever anything above that a node draws changes. */
  sig: string;
}

const FINISHED: ReadonlySet<string> = new Set(["succeeded", "failed", "timeout", "canceled"]);
const BUSY_ITEM: ReadonlySet<string> = new Set(["running", "scheduled", "pending"]);
const BAD_ITEM: ReadonlySet<string> = new Set(["failed", "timeout", "canceled"]);

function itemsOf(run: TaskRun | undefined): ItemProgress | undefined {
  if (run?.itemsTotal === undefined) return undefined;
  const progress: ItemProgress = { total: run.itemsTotal, ok: 0, bad: 0, busy: 0 };
  for (const item of run.items ?? []) {
    if (item.status === "succeeded") progress.ok++;
    else if (BAD_ITEM.has(item.status)) progress.bad++;
    else if (BUSY_ITEM.has(item.status)) progress.busy++;
  }
  return progress;
}

const NOT_RUN: TaskRunInfo = { state: "not-run", status: undefined, runs: [], latest: undefined, items: undefined, attempt: 0, startedAt: null, finishedAt: null, childExecutionId: null, sig: "not-run" };

/** Per task name, what its node shows (tasks that never ran get a shared "not run" entry). */
export function runInfoByTask(view: ExecutionView | undefined, names: readonly string[]): Map<string, TaskRunInfo> {
  const grouped = new Map<string, TaskRun[]>();
  for (const run of view?.tasks ?? []) {
    const list = grouped.get(run.task) ?? [];
    list.push(run);
    grouped.set(run.task, list);
  }
  const out = new Map<string, TaskRunInfo>();
  for (const name of names) {
    const runs = grouped.get(name);
    if (runs === undefined || runs.length === 0) {
      out.set(name, NOT_RUN);
      continue;
    }
    runs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    const latest = runs[runs.length - 1];
    const items = itemsOf(latest);
    const childExecutionId = [...runs].reverse().find((r) => r.childExecutionId !== null)?.childExecutionId ?? null;
    const info: TaskRunInfo = {
      state: nodeStateOf(latest?.status),
      status: latest?.status,
      runs,
      latest,
      items,
      attempt: latest?.attempt ?? 0,
      startedAt: latest?.startedAt ?? null,
      finishedAt: latest?.finishedAt ?? null,
      childExecutionId,
      sig: "",
    };
    info.sig = [info.status, runs.length, info.attempt, info.startedAt, info.finishedAt, childExecutionId, items === undefined ? "" : `${items.total}/${items.ok}/${items.bad}/${items.busy}`].join("|");
    out.set(name, info);
  }
  return out;
}

/**
 * Edge keys most likely taken: a join's run was reached by every inbound task that finished
 * before it started; any other run by the inbound task that finished last before the run was
 * created (the engine creates it in the step that completes that task).
 */
export function takenEdges(edges: readonly GraphEdge[], info: ReadonlyMap<string, TaskRunInfo>, joins: ReadonlySet<string>): Set<string> {
  const inbound = new Map<string, GraphEdge[]>();
  for (const edge of edges) inbound.set(edge.to, [...(inbound.get(edge.to) ?? []), edge]);
  const taken = new Set<string>();
  for (const [target, list] of inbound) {
    for (const run of info.get(target)?.runs ?? []) {
      const cutoff = joins.has(target) ? (run.startedAt ?? "\uffff") : run.createdAt;
      let best: { key: string; end: string } | undefined;
      for (const edge of list) {
        for (const source of info.get(edge.from)?.runs ?? []) {
          const end = source.finishedAt;
          if (end === null || !FINISHED.has(source.status) || end > cutoff) continue;
          if (joins.has(target)) taken.add(edge.key);
          else if (best === undefined || end > best.end) best = { key: edge.key, end };
        }
      }
      if (best !== undefined) taken.add(best.key);
    }
  }
  return taken;
}
