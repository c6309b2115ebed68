// Renders the ingest suite's section of RESULTS.md: how it was measured, whether the targets
// of issue 2 are met, and one table per scenario with every server side by side.
import type { CvmEvents } from "./cvm-events.js";
import { DURATION_S, SCENARIOS, TARGETS } from "./ingest-scenarios.js";
import type { Scenario } from "./ingest-scenarios.js";
import type { LoadResult } from "./load.js";
import { machineLine } from "./machine.js";
import type { Machine } from "./machine.js";
import type { StoredCheck } from "./stored-check.js";
import { int } from "./number-format.js";

/** One server under one scenario. */
export interface Measurement {
  server: string;
  /** The bare-Fastify peer (nothing stored, nothing to check). */
  peer: boolean;
  scenario: Scenario;
  load: LoadResult;
  /** CPU seconds the server process used during the measured run (not PostgreSQL's own). */
  serverCpuS: number | null;
  check: StoredCheck | null;
}

export interface IngestReport {
  machine: Machine;
  /** How Reflex was launched. */
  launch: string;
  /** Database engines and versions measured. */
  engines: string[];
  events: CvmEvents;
  measurements: Measurement[];
  notes: string[];
}

/** The `## Ingest` section. */
export function ingestSection(r: IngestReport): string {
  const lines = ["## Ingest", "", machineLine(r.machine), "", ...method(r), "", ...targets(r.measurements), ""];
  for (const scenario of SCENARIOS) lines.push(...scenarioTable(scenario, r.measurements), "");
  const notes = [...r.notes, ...failures(r.measurements)];
  if (notes.length > 0) lines.push("### Notes", "", ...notes.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

function method(r: IngestReport): string[] {
  const sampleId = r.measurements[0]?.load.ackedIds[0] ?? "0123456789abcdef";
  const [small, large] = r.events.sizeRange(sampleId);
  return [
    "### Method",
    "",
    `- **Server.** Reflex runs as its own process, started as ${r.launch}, with all roles (api, worker, scheduler), auth on (a preset admin token, sent as a Bearer token on every request) and \`LOG_LEVEL=warn\`. Databases: ${r.engines.join(", ") || "none"}; each run starts on an empty database (a temp directory for SQLite, a new schema for PostgreSQL, dropped after).`,
    `- **Load.** autocannon ${r.machine.packages.autocannon ?? ""} (programmatic API) in the benchmark process: HTTP/1.1 keep-alive on loopback, no pipelining, ${DURATION_S} s measured per scenario after a short unmeasured warm-up. The load generator runs on the same ${r.machine.cores}-core machine and competes with the server for CPU (and with PostgreSQL, in its runs), so these are lower bounds for a server on its own machine.`,
    `- **Events.** Tencent Cloud CVM events as EventBridge delivers them (CloudEvents with \`region\`, \`status\`, \`resource\`, \`tags\`), ${small}–${large} bytes each, to \`POST /api/v1/events\`: one per request as \`application/cloudevents+json\`, or 100 per request as \`application/cloudevents-batch+json\`. Every event has an id never sent before, so each one is a real insert.`,
    "- **Latency** is timed per request by the load generator, from writing the request to reading the whole 202, and reported exactly (nearest-rank percentiles over all requests of the run). At a fixed rate, autocannon releases each connection's per-second quota at the start of each second, so the 1,000 requests/s arrive as bursts over 10 connections rather than evenly spaced — a harsher test of p99 than a smooth stream.",
    "- **Nothing lost.** After each run the events are read back from the store by their id prefix: *Acknowledged* counts events in 202 replies, *Stored* what the database holds, *Lost* acknowledged events missing from it (must be 0). Stored may exceed Acknowledged by the requests in flight when the load stopped.",
    "- **Server CPU** is the CPU time the server process used during the run (from /proc), as a share of one core and per acknowledged event; it leaves out PostgreSQL's own processes. Node runs the HTTP handling and better-sqlite3's queries on one thread, so near 100 % the server is saturated.",
    "- **Peer.** A bare Fastify server (`bench/peer-server.ts`, its own process) answers the same requests: reads the body, parses the JSON and replies 202 with one result per event, storing nothing — the HTTP + JSON ceiling of this machine with this load generator. *vs. peer* is Reflex's events/s as a share of the peer's.",
  ];
}

function targets(measurements: readonly Measurement[]): string[] {
  let missed = false;
  const rows = TARGETS.map((t) => {
    const m = measurements.find((x) => x.server === "Reflex · SQLite" && x.scenario.key === t.scenario);
    const verdict = m ? t.judge(eventsPerS(m.load), m.load.latency.p99) : { value: "not measured", met: false };
    const met = verdict.met && m?.check?.lost === 0;
    missed ||= !met;
    return `| ${t.label} | ${verdict.value} | ${met ? "yes" : "**no**"} |`;
  });
  const why = missed ? ["", "Where the time goes, and what would close the gap: [PROFILE.md](PROFILE.md) (from CPU profiles; `BENCH_CPU_PROF=<dir>` makes each Reflex process write one)."] : [];
  return ["### Targets (issue 2: SQLite, 2-core machine)", "", "| Target | Measured | Met |", "|---|---|---|", ...rows, ...why];
}

function scenarioTable(scenario: Scenario, measurements: readonly Measurement[]): string[] {
  const rows = measurements.filter((m) => m.scenario.key === scenario.key);
  const peer = rows.find((m) => m.peer);
  const rate = scenario.overallRate ? `, offered ${scenario.overallRate.toLocaleString("en-US")} requests/s` : "";
  const lines = [
    `### ${scenario.title}`,
    "",
    `${scenario.connections} connections, ${scenario.eventsPerRequest} event${scenario.eventsPerRequest > 1 ? "s" : ""} per request${rate}.`,
    "",
    "| Server | Requests/s | Events/s | p50 ms | p99 ms | max ms | vs. peer | Server CPU | CPU µs/event | Acknowledged | Stored | Lost | Failed requests |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const m of rows) {
    const eps = eventsPerS(m.load);
    const share = peer && !m.peer ? `${Math.round((eps / eventsPerS(peer.load)) * 100)} %` : "–";
    const check = m.check;
    const cpu = m.serverCpuS === null ? ["–", "–"] : [`${int((m.serverCpuS / m.load.durationS) * 100)} %`, int((m.serverCpuS * 1e6) / Math.max(1, m.load.ackedIds.length))];
    lines.push(
      `| ${m.server} | ${int(m.load.accepted / m.load.durationS)} | ${int(eps)} | ${ms(m.load.latency.p50)} | ${ms(m.load.latency.p99)} | ${ms(m.load.latency.max)} | ${share} | ${cpu.join(" | ")} | ${int(m.load.ackedIds.length)} | ${check ? int(check.stored) : "–"} | ${check ? int(check.lost) : "–"} | ${int(failedRequests(m.load))} |`,
    );
  }
  return lines;
}

function failures(measurements: readonly Measurement[]): string[] {
  return measurements
    .filter((m) => failedRequests(m.load) > 0)
    .map((m) => {
      const statuses = Object.entries(m.load.otherStatus).map(([code, n]) => `${n} × HTTP ${code}`);
      const errors = m.load.errors > 0 ? [`${m.load.errors} connection errors or timeouts`] : [];
      return `${m.server}, ${m.scenario.key}: ${[...statuses, ...errors].join(", ")}.`;
    });
}

function eventsPerS(load: LoadResult): number {
  return load.ackedIds.length / load.durationS;
}

function failedRequests(load: LoadResult): number {
  return Object.values(load.otherStatus).reduce((a, b) => a + b, 0) + load.errors;
}

function ms(n: number): string {
  return Number.isNaN(n) ? "–" : n.toFixed(n < 10 ? 2 : 1);
}
