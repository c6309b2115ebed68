// Renders the engine suite's section of RESULTS.md: how it was measured, whether issue 4's
// targets are met on SQLite (with the outside reference numbers the issue quotes), and one
// table per workload with every database, the two-task one next to the bare queue.
import type { ItemsResult, ManyResult, SequentialResult } from "./engine-runs.js";
import { WORKER_SETTINGS } from "./engine-node.js";
import { ITEMS_CONCURRENCY, SEQUENTIAL_TASKS } from "./engine-workflows.js";
import { machineLine } from "./machine.js";
import type { Machine } from "./machine.js";
import { int } from "./number-format.js";

/** How much of each workload is run. */
export interface EnginePlan {
  sequentialRuns: number;
  concurrent: number;
  /** Starts (or first enqueues) in flight at once. */
  starters: number;
  /** Two-task executions started at a steady rate. */
  paced: { executions: number; perMinute: number };
  itemCounts: number[];
  warmup: { sequentialRuns: number; concurrent: number; items: number };
}

/** Every workload on one database. */
export interface DatabaseRun {
  /** "SQLite" or "PostgreSQL". */
  label: string;
  /** The engine's own version, e.g. "SQLite 3.50.4". */
  version: string;
  sequential: SequentialResult;
  /** Started all at once. */
  concurrent: ManyResult;
  /** Started at a steady rate. */
  paced: ManyResult;
  /** The bare queue's two-job chains, started at once. */
  floor: ManyResult;
  items: ItemsResult[];
}

export interface EngineReport {
  machine: Machine;
  plan: EnginePlan;
  runs: DatabaseRun[];
  notes: string[];
}

/** Largest growth of the time per item, from the fewest items to the most, still read as linear. */
const LINEAR_SLACK = 1.5;

/** The `## Engine` section. */
export function engineSection(r: EngineReport): string {
  const lines = ["## Engine", "", machineLine(r.machine), "", ...method(r), "", ...targets(r), "", ...sequentialTable(r), "", ...concurrentTable(r), "", ...itemsTable(r), ""];
  if (r.notes.length > 0) lines.push("### Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

function method(r: EngineReport): string[] {
  const p = r.plan;
  const w = WORKER_SETTINGS;
  return [
    "### Method",
    "",
    `- **Engine.** The workflow engine (\`createWorkflowEngine\`) and one \`Worker\` run in the benchmark process, as \`reflex up\` puts them together: worker concurrency ${w.concurrency} (the default), pollMs ${int(w.pollMs)}, lease ${w.leaseMs / 1000} s with a heartbeat every ${w.heartbeatMs / 1000} s, claiming the \`workflows\` queue, woken after every commit that enqueues a task. No HTTP: executions are started through \`ExecutionService.start\`, the call behind \`POST /api/v1/executions\` (one transaction with its audit entry). The starting and the polling run on the same event loop and the same ${r.machine.cores} cores as the engine (and PostgreSQL, in its runs), on a machine other work shares (load average above). Databases: ${r.runs.map((x) => x.version).join(", ") || "none"}.`,
    "- **Fresh database per run.** Each workload below runs on an empty database: a SQLite file (WAL, `synchronous=NORMAL`, as the store opens it) in a new temp directory, or a new schema on PostgreSQL, dropped after. On it, a smaller run of the same workload comes first, unmeasured, to warm the JIT, the prepared statements and the connection pool.",
    `- **Workflows** are YAML (\`kind: Workflow\`) loaded by the config loader with the core actions (\`bench/engine-workflows.ts\`): ${SEQUENTIAL_TASKS} \`core.noop\` tasks in a chain; two \`core.noop\` tasks in a chain; one \`core.noop\` task with \`with: {items: "{{ [1..ctx.n] }}", concurrency: ${ITEMS_CONCURRENCY}}\`. \`core.noop\` does nothing, so everything measured is the engine and its store.`,
    "- **Times** are the engine's own, read back from the store after the run: `created_ms`, `started_ms` and `finished_ms` of executions and task runs, in whole milliseconds of the wall clock (so a single task's overhead is known to ±1 ms; the mean is finer). The benchmark polls the store only to learn that a run has ended; the polling period enters no number.",
    `- **Per-task overhead.** The sequential workflow is started ${p.sequentialRuns} times, each after the previous one ended (after ${p.warmup.sequentialRuns} unmeasured). A task's overhead is the time from the previous task's finish (the execution's start, for the first task) to its own finish. Each step stamps the time at which it begins, so this covers the rest of the step that recorded the previous task and reached this one (enqueueing its job, COMMIT), the claim, this task's prepare step and its action, up to the start of its record step. *Hand-off* is the part up to this task's start (the start of its prepare step). *Execution* is from the execution's creation to its end.`,
    `- **Two-task executions started at once.** ${int(p.concurrent)} executions are started as fast as the engine accepts them, ${p.starters} \`start\` calls in flight at once (after ${int(p.warmup.concurrent)} unmeasured). *Executions/min* is ${int(p.concurrent)} over the time from the first execution's creation to the last one's end (*Span*); *start latency* is the first task's \`started_ms\` − the execution's \`created_ms\`. The queue is first in, first out, so in a burst a first task waits behind every job enqueued before it: start latency grows with the position in the burst, and its p99 is close to the time the engine takes to run the first tasks of all ${int(p.concurrent)}. *Starting all* is the wall time until every \`start\` had returned.`,
    `- **Two-task executions at a steady rate.** ${int(p.paced.executions)} executions started at ${int(p.paced.perMinute)}/min (one every ${int(60_000 / p.paced.perMinute)} ms, each sent at its time whether or not the previous \`start\` has returned), on a fresh database after ${int(p.warmup.concurrent)} unmeasured: the start latency at the rate of the target, rather than behind a burst. Its *Executions/min* is the offered rate, kept up with when *Span* is no longer than *Starting all* plus one execution.`,
    `- **With-items.** One execution with ${p.itemCounts.map(int).join(", ")} items at concurrency ${ITEMS_CONCURRENCY} (the worker runs at most ${w.concurrency} of them at a time), each on its own fresh database after an unmeasured execution of ${p.warmup.items} items; time from the execution's creation to its end. Linear cost means a flat time per item.`,
    `- **Peer: bare queue (floor).** The same Worker and settings on the same database, without the engine: ${int(p.concurrent)} chains of two jobs, the first job's handler enqueueing the second (and waking the worker), ${p.starters} first enqueues in flight (after ${int(p.warmup.concurrent)} unmeasured chains). Start latency is the first handler's start − the first job's \`created_ms\`; a chain ends when its second job is completed. It is what the queue alone costs for the same shape of work; *vs. floor* is the engine's executions/min as a share of the floor's chains/min.`,
  ];
}

function targets(r: EngineReport): string[] {
  const sqlite = r.runs.find((x) => x.label === "SQLite");
  const rows: [string, string, boolean][] = [];
  if (sqlite) {
    const overhead = sqlite.sequential.overhead;
    rows.push([`≤ 5 ms median engine overhead per task (${SEQUENTIAL_TASKS}-task sequential \`core.noop\` workflow)`, `p50 ${ms(overhead.p50)} ms (mean ${ms(overhead.mean)} ms, p99 ${ms(overhead.p99)} ms)`, overhead.p50 <= 5]);
    const c = sqlite.concurrent;
    const perMin = perMinute(c.executions, c.spanMs);
    rows.push([`≥ 3,000 two-task executions/min with p99 start latency < 1 s: ${int(c.executions)} started at once`, `${int(perMin)}/min, p99 start latency ${ms(c.startLatency.p99)} ms`, perMin >= 3_000 && c.startLatency.p99 < 1_000]);
    const paced = sqlite.paced;
    rows.push([`the same, ${int(r.plan.paced.executions)} started at a steady ${int(r.plan.paced.perMinute)}/min`, `p99 start latency ${ms(paced.startLatency.p99)} ms`, paced.startLatency.p99 < 1_000]);
    const thousand = sqlite.items.find((i) => i.items === 1_000);
    if (thousand) rows.push([`1,000-item with-items (concurrency ${ITEMS_CONCURRENCY}) in < 10 s`, `${seconds(thousand.durationMs)} s`, thousand.durationMs < 10_000]);
    const first = sqlite.items[0];
    const last = sqlite.items[sqlite.items.length - 1];
    if (first && last && last !== first) {
      const growth = perItem(last) / perItem(first);
      rows.push([
        `with-items cost linear in the number of items (read as: time per item at ${int(last.items)} items ≤ ${LINEAR_SLACK}× that at ${int(first.items)})`,
        `${ms(perItem(first))} ms/item at ${int(first.items)} → ${ms(perItem(last))} ms/item at ${int(last.items)} (${growth.toFixed(2)}×)`,
        growth <= LINEAR_SLACK,
      ]);
    }
  }
  return [
    "### Targets (issue 4: SQLite, 2-core machine)",
    "",
    "| Target | Measured | Met |",
    "|---|---|---|",
    ...rows.map(([target, measured, met]) => `| ${target} | ${measured} | ${met ? "yes" : "**no**"} |`),
    ...(rows.some(([, , met]) => !met) ? ["", "Where the time goes: the engine runs in the benchmark process, so `node --cpu-prof --cpu-prof-dir=<dir> --import tsx bench/run.ts engine` profiles it."] : []),
    "",
    "Outside references, quoted from issue 4 and not measured here: Kestra's open-source edition saturates near 1,500 executions/min on 4 vCPU; StackStorm Orquesta took 1,566 s for a with-items over 101 items ([StackStorm/orquesta#125](https://github.com/StackStorm/orquesta/issues/125)).",
  ];
}

function sequentialTable(r: EngineReport): string[] {
  const lines = [
    `### Per-task overhead: ${SEQUENTIAL_TASKS}-task sequential workflow of \`core.noop\``,
    "",
    `${r.plan.sequentialRuns} executions one after another; ms.`,
    "",
    "| Database | Tasks | Overhead p50 | p99 | max | mean | Hand-off p50 | p99 | Execution p50 | p99 |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const run of r.runs) {
    const s = run.sequential;
    lines.push(`| ${run.label} | ${int(s.overhead.count)} | ${ms(s.overhead.p50)} | ${ms(s.overhead.p99)} | ${ms(s.overhead.max)} | ${ms(s.overhead.mean)} | ${ms(s.handOff.p50)} | ${ms(s.handOff.p99)} | ${ms(s.execution.p50)} | ${ms(s.execution.p99)} |`);
  }
  return lines;
}

function concurrentTable(r: EngineReport): string[] {
  const p = r.plan;
  const lines = [
    "### Two-task executions",
    "",
    `*at once*: ${int(p.concurrent)} started with ${p.starters} \`start\` calls in flight; *steady*: ${int(p.paced.executions)} started at ${int(p.paced.perMinute)}/min. Latencies in ms.`,
    "",
    "| Run | Executions | Executions/min | vs. floor | Span s | Starting all s | Start latency p50 | p99 | max | Execution p50 | p99 |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const run of r.runs) {
    const floorPerMin = perMinute(run.floor.executions, run.floor.spanMs);
    const row = (name: string, m: ManyResult, vsFloor: boolean) => {
      const rate = perMinute(m.executions, m.spanMs);
      const vs = vsFloor ? `${Math.round((100 * rate) / floorPerMin)} %` : "–";
      return `| ${name} | ${int(m.executions)} | ${int(rate)} | ${vs} | ${seconds(m.spanMs)} | ${seconds(m.startingMs)} | ${ms(m.startLatency.p50)} | ${ms(m.startLatency.p99)} | ${ms(m.startLatency.max)} | ${ms(m.execution.p50)} | ${ms(m.execution.p99)} |`;
    };
    lines.push(
      row(`Reflex engine · ${run.label} · at once`, run.concurrent, true),
      row(`bare queue (floor) · ${run.label} · at once`, run.floor, false),
      row(`Reflex engine · ${run.label} · steady`, run.paced, false),
    );
  }
  return lines;
}

function itemsTable(r: EngineReport): string[] {
  const lines = [
    `### With-items at concurrency ${ITEMS_CONCURRENCY}`,
    "",
    "One execution per row, each on a fresh database.",
    "",
    "| Database | Items | Time s | ms per item | Items/s | Time per item vs. fewest items |",
    "|---|--:|--:|--:|--:|--:|",
  ];
  for (const run of r.runs) {
    const base = run.items[0];
    for (const result of run.items) {
      const vs = base && result !== base ? `${(perItem(result) / perItem(base)).toFixed(2)}×` : "–";
      lines.push(`| ${run.label} | ${int(result.items)} | ${seconds(result.durationMs)} | ${ms(perItem(result))} | ${int((result.items * 1000) / result.durationMs)} | ${vs} |`);
    }
  }
  return lines;
}

function perItem(result: ItemsResult): number {
  return result.durationMs / result.items;
}

function perMinute(count: number, spanMs: number): number {
  return (count * 60_000) / spanMs;
}

function ms(n: number): string {
  if (Number.isNaN(n)) return "–";
  if (n >= 1_000) return int(n);
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1);
}

function seconds(msValue: number): string {
  return (msValue / 1000).toFixed(msValue < 10_000 ? 2 : 1);
}
