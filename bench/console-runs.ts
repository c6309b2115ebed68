// The workflow side of the console benchmark's store: executions of the seed scenarios'
// workflows (one per delivered workflow delivery, started by its rule, and the rest started
// through the API), each with the task runs of the path it took, their log lines and with-items
// items; approvals for the workflows that ask people; and chaos drill runs with full reports.
// Most executions ended (succeeded, some failed, timed out or were canceled); among the newest a
// few hundred are still under way — running, waiting for a slot, paused, or pending on an
// approval nobody has answered yet. No job is queued for them: the benchmark's Reflex leaves
// them as they are while the pages are read.
import type { Insertable } from "kysely";
import type { ReflexConfig } from "../src/config/types.js";
import type { TaskSpec, WorkflowSpec } from "../src/config/workflow-types.js";
import { newId } from "../src/core/ids.js";
import type { JsonObject } from "../src/core/json.js";
import type { DrillReport } from "../src/drill/report-types.js";
import type { ApprovalsTable, DrillRunsTable, ExecutionsTable, TaskItemsTable, TaskLogsTable, TaskRunsTable } from "../src/store/schema.js";
import { cvmInstanceId, FLEET, seededRandom } from "./console-events.js";
import type { WorkflowStart } from "./console-lineage.js";

/** Every row of the workflow side. */
export interface RunRows {
  executions: Insertable<ExecutionsTable>[];
  taskRuns: Insertable<TaskRunsTable>[];
  taskItems: Insertable<TaskItemsTable>[];
  taskLogs: Insertable<TaskLogsTable>[];
  approvals: Insertable<ApprovalsTable>[];
  drillRuns: Insertable<DrillRunsTable>[];
}

/** How many of the newest executions are still under way, by status. */
const UNDER_WAY = { running: 240, requested: 30, paused: 10 } as const;
/** The newest executions of this many hours of an approving workflow still wait for their answer. */
const PENDING_APPROVAL_HOURS = 24;
const DAY_MS = 86_400_000;

type Outcome = "succeeded" | "failed" | "timeout" | "canceled" | "running" | "requested" | "paused" | "pending";

interface Planned {
  spec: WorkflowSpec;
  createdMs: number;
  trigger: JsonObject;
  triggerKey: string | null;
  input: JsonObject;
}

/**
 * Executions for `starts` (rule-started) plus API-started ones up to `total`, over the `days`
 * before `now`, and `drills` drill runs of each configured drill.
 */
export function buildRuns(config: ReflexConfig, starts: readonly WorkflowStart[], total: number, now: number, days: number, drills: number, seed = 13): RunRows {
  const random = seededRandom(seed);
  const workflows = [...config.workflows.values()];
  const planned: Planned[] = [];
  for (const s of starts.slice(0, total)) {
    const spec = config.workflows.get(s.workflow);
    if (!spec) throw new Error(`a delivery starts workflow ${s.workflow}, which the config does not declare`);
    const e = s.event.event;
    planned.push({
      spec,
      createdMs: s.startedMs,
      trigger: { kind: "rule", deliveryId: s.deliveryId, event: { id: e.id, source: e.source, type: e.type, subject: e.subject ?? null } },
      triggerKey: `delivery:${s.deliveryId}`,
      input: { instance: cvmInstanceId(Math.floor(random() * FLEET.cvm)), region: "ap-guangzhou" },
    });
  }
  while (planned.length < total) {
    const spec = workflows[Math.floor(random() * workflows.length)];
    if (!spec) throw new Error("the config declares no workflow");
    planned.push({ spec, createdMs: now - Math.floor(random() * days * DAY_MS), trigger: { kind: "api", by: random() < 0.5 ? "ops-bot" : "alice" }, triggerKey: null, input: { instance: cvmInstanceId(Math.floor(random() * FLEET.cvm)) } });
  }
  planned.sort((a, b) => a.createdMs - b.createdMs);

  const rows: RunRows = { executions: [], taskRuns: [], taskItems: [], taskLogs: [], approvals: [], drillRuns: [] };
  const newestFirst = planned.length;
  let underWay = 0;
  const underWayTotal = UNDER_WAY.running + UNDER_WAY.requested + UNDER_WAY.paused;
  planned.forEach((p, index) => {
    const asks = p.spec.tasks.some((t) => t.action === "core.approve");
    let outcome: Outcome;
    if (asks && now - p.createdMs < PENDING_APPROVAL_HOURS * 3_600_000) outcome = "pending";
    else if (index >= newestFirst - 3 * underWayTotal && underWay < underWayTotal && random() < 0.34) {
      outcome = underWay < UNDER_WAY.running ? "running" : underWay < UNDER_WAY.running + UNDER_WAY.requested ? "requested" : "paused";
      underWay += 1;
    } else {
      const roll = random();
      outcome = roll < 0.88 ? "succeeded" : roll < 0.97 ? "failed" : roll < 0.99 ? "timeout" : "canceled";
    }
    addExecution(rows, p, outcome, random);
  });
  for (const drill of config.drills.values()) {
    for (let i = 0; i < drills; i++) rows.drillRuns.push(drillRun(drill.name, drill.fault, now - Math.floor(((i + random()) * days * DAY_MS) / drills), 50, random));
  }
  return rows;
}

function addExecution(rows: RunRows, p: Planned, outcome: Outcome, random: () => number): void {
  const id = newId(p.createdMs);
  const walked = outcome === "requested" ? [] : taskPath(p.spec, 1 + Math.floor(random() * 4));
  // Waiting for an answer: the path ends at the approval task.
  const asking = walked.findIndex((task) => task.action === "core.approve");
  const path = outcome === "pending" && asking >= 0 ? walked.slice(0, asking + 1) : walked;
  const started = outcome === "requested" ? null : p.createdMs + 5;
  let t = (started ?? p.createdMs) + 10;
  let pendingRun: string | null = null;
  path.forEach((task, i) => {
    const last = i === path.length - 1;
    const runId = newId(t);
    const approving = task.action === "core.approve";
    const status = !last ? "succeeded" : outcome === "running" || outcome === "paused" ? (outcome === "paused" ? "succeeded" : "running") : outcome === "pending" && approving ? "pending" : outcome === "requested" || outcome === "pending" ? "succeeded" : outcome;
    const duration = approving ? 60_000 + Math.floor(random() * 1_200_000) : 30 + Math.floor(random() * 2_500);
    const ended = status === "running" || status === "pending" ? null : t + duration;
    const items = task.with ? 5 + Math.floor(random() * 16) : null;
    rows.taskRuns.push({
      id: runId,
      execution_id: id,
      task: task.name,
      status,
      ctx: JSON.stringify(p.input),
      arrivals: 1,
      input: JSON.stringify({ ...p.input, task: task.name }),
      result: status === "succeeded" ? JSON.stringify({ ok: true, requestId: newId(t) }) : null,
      error: status === "failed" || status === "timeout" ? `${task.action}: the cloud API answered InternalError (request ${newId(t).slice(0, 8)}); retries exhausted` : null,
      published: null,
      attempt: 1,
      items_total: items,
      child_id: null,
      created_ms: t,
      started_ms: t + 3,
      finished_ms: ended,
      updated_ms: ended ?? t + 3,
    });
    for (let k = 0; k < (items ?? 0); k++) {
      rows.taskItems.push({ task_run_id: runId, idx: k, status: ended === null ? "running" : "succeeded", item: JSON.stringify(k + 1), input: JSON.stringify({ item: k + 1 }), result: ended === null ? null : JSON.stringify({ echoed: k + 1 }), error: null, attempt: 1, started_ms: t + 5, finished_ms: ended });
    }
    rows.taskLogs.push({
      id: newId(t + 4),
      task_run_id: runId,
      item: null,
      attempt: 1,
      lines: JSON.stringify([
        { ts: t + 4, stream: "info", line: `${task.action} started for ${String(p.input.instance)}` },
        { ts: t + 6, stream: "stdout", line: `request ${newId(t).slice(0, 18)} sent` },
        ...(ended === null ? [] : [{ ts: ended, stream: status === "succeeded" ? "stdout" : "stderr", line: status === "succeeded" ? "done" : "failed: InternalError" }]),
      ]),
      created_ms: t + 4,
    });
    if (approving) {
      if (status === "pending") pendingRun = runId;
      addApproval(rows, id, runId, t, status === "pending" ? null : ended, outcome, random);
    }
    t = (ended ?? t) + 20;
  });
  const finished = ["succeeded", "failed", "timeout", "canceled"].includes(outcome) ? t : null;
  const status = outcome === "pending" && pendingRun === null ? "running" : outcome;
  rows.executions.push({
    id,
    workflow: p.spec.name,
    spec: JSON.stringify(p.spec),
    status,
    input: JSON.stringify(p.input),
    ctx: JSON.stringify(p.input),
    output: outcome === "succeeded" ? JSON.stringify({ healed: true }) : null,
    error: outcome === "failed" || outcome === "timeout" ? `task ${path[path.length - 1]?.name ?? "?"} ${outcome === "timeout" ? "timed out" : "failed"}` : null,
    failing: outcome === "failed" ? 1 : 0,
    parent_id: null,
    parent_task_id: null,
    root_id: id,
    trigger: JSON.stringify(p.trigger),
    trigger_key: p.triggerKey,
    concurrency_key: null,
    version: path.length * 2 + 1,
    created_ms: p.createdMs,
    started_ms: started,
    finished_ms: finished,
    updated_ms: finished ?? t,
  });
}

function addApproval(rows: RunRows, executionId: string, taskRunId: string, askedMs: number, answeredMs: number | null, outcome: Outcome, random: () => number): void {
  const decision = answeredMs === null ? "pending" : outcome === "succeeded" ? "approved" : random() < 0.5 ? "rejected" : "expired";
  rows.approvals.push({
    id: newId(askedMs),
    execution_id: executionId,
    task_run_id: taskRunId,
    kind: "task",
    message: "Disk /data of payments on payments-12 (ins-5cy3v) is 93.1% full. Delete its log files older than keepDays days?",
    schema: JSON.stringify({ type: "object", additionalProperties: false, required: ["keepDays"], properties: { keepDays: { type: "integer", minimum: 1, maximum: 90 } } }),
    approvers: JSON.stringify({ roles: ["operator"] }),
    status: decision,
    response: decision === "approved" ? JSON.stringify({ keepDays: 7 }) : null,
    answered_by: decision === "approved" || decision === "rejected" ? "alice" : null,
    default_decision: "reject",
    expires_ms: askedMs + 30 * 60_000,
    created_ms: askedMs,
    answered_ms: answeredMs,
  });
}

/** Up to `length` tasks from the first, following each task's first transition to a task. */
function taskPath(spec: WorkflowSpec, length: number): TaskSpec[] {
  const byName = new Map(spec.tasks.map((t) => [t.name, t]));
  const path: TaskSpec[] = [];
  let task = spec.tasks[0];
  while (task && path.length < length && !path.includes(task)) {
    path.push(task);
    const next: string | undefined = task.next.flatMap((n) => n.do).find((name) => byName.has(name));
    task = next === undefined ? undefined : byName.get(next);
  }
  return path;
}

function drillRun(drill: string, fault: string, startedMs: number, instances: number, random: () => number): Insertable<DrillRunsTable> {
  const runId = newId(startedMs);
  const iso = (ms: number) => new Date(ms).toISOString();
  const reports = Array.from({ length: instances }, (_, i) => {
    const injected = startedMs + 2_000 + i * 50;
    const ttd = 3_000 + Math.floor(random() * 20_000);
    const tth = ttd + 20_000 + Math.floor(random() * 120_000);
    return {
      instanceId: cvmInstanceId(1_000 + i),
      name: `drill-${i}`,
      faultId: `fault-${runId.slice(0, 8)}-${i}`,
      injectedAt: iso(injected),
      detectedAt: iso(injected + ttd),
      detectedBy: "cvm:ErrorEvent:PingUnreachable",
      remediationAt: iso(injected + ttd + 400),
      healedAt: iso(injected + tth),
      healedBy: `process restarted by inv-${i.toString(36)}`,
      ttdMs: ttd,
      tthMs: tth,
      outcome: "healed" as const,
      met: tth < 180_000,
      reasons: tth < 180_000 ? [] : ["healed after 3m"],
    };
  });
  const heals = reports.map((r) => r.tthMs).sort((a, b) => a - b);
  const met = reports.filter((r) => r.met).length;
  const finished = startedMs + 2_000 + (heals[heals.length - 1] ?? 0) + 5_000;
  const report: DrillReport = {
    drill,
    runId,
    fault,
    simulator: "http://127.0.0.1:7421",
    startedAt: iso(startedMs),
    finishedAt: iso(finished),
    status: met === instances ? "passed" : "failed",
    criteria: {
      detectWithinMs: 30_000,
      healWithinMs: 180_000,
      minHealedPercent: 100,
      results: [
        { criterion: "detectWithin", required: "30s", passed: true, detail: `${instances} of ${instances} instances detected within 30s` },
        { criterion: "healWithin", required: "3m", passed: met === instances, detail: `${met} of ${instances} instances healed within 3m` },
        { criterion: "minHealedPercent", required: "100%", passed: true, detail: "100% healed" },
      ],
    },
    summary: {
      instances,
      injected: instances,
      detected: instances,
      remediated: instances,
      healed: instances,
      failed: 0,
      metPercent: Math.round((100 * met) / instances),
      mttdMs: Math.round(reports.reduce((s, r) => s + r.ttdMs, 0) / instances),
      mttrMs: Math.round(heals.reduce((s, h) => s + h, 0) / instances),
      p50HealMs: heals[Math.floor(instances / 2)] ?? null,
      p95HealMs: heals[Math.ceil(instances * 0.95) - 1] ?? null,
      maxHealMs: heals[heals.length - 1] ?? null,
    },
    instances: reports,
    timeline: reports.flatMap((r) => [
      { at: r.injectedAt, instanceId: r.instanceId, what: `fault ${fault} injected` },
      { at: r.detectedAt, instanceId: r.instanceId, what: `detected: ${r.detectedBy}` },
      { at: r.remediationAt, instanceId: r.instanceId, what: "remediation started" },
      { at: r.healedAt, instanceId: r.instanceId, what: r.healedBy },
    ]),
  };
  return { id: runId, drill, status: report.status, started_ms: startedMs, finished_ms: finished, heartbeat_ms: finished, report: JSON.stringify(report) };
}
