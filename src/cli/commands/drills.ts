// `reflex drill list|run|runs|report`: chaos drills through the HTTP API. `run` starts a run
// and (unless --no-wait) follows it, printing each new thing seen as a line, then the summary;
// with --out it writes report.json and report.html there. It exits 1 when the drill did not
// pass, so a pipeline can gate on it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import type { DrillRunListItem } from "../../drill/drill-service.js";
import type { DrillReport } from "../../drill/report-types.js";
import { formatMs } from "../../drill/format-ms.js";
import type { ApiClient } from "../client.js";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";

interface DrillItem {
  name: string;
  description?: string;
  fault: string;
  instances: { create?: { count: number; cloud: string }; ids?: string[] };
  criteria: { detectWithinMs: number; healWithinMs: number; minHealedPercent: number };
}

export function drillsCommand(program: Command): void {
  const drill = program.command("drill").description("run chaos drills against the cloud simulator and read their reports");

  drill
    .command("list")
    .description("the configured drills (kind: Drill)")
    .action(async (_opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", "/api/v1/drills")) as { items: DrillItem[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((d) => ({
          name: d.name,
          fault: d.fault,
          instances: d.instances.create ? `${d.instances.create.count} new ${d.instances.create.cloud}` : `${d.instances.ids?.length ?? 0} listed`,
          detect: formatMs(d.criteria.detectWithinMs),
          heal: formatMs(d.criteria.healWithinMs),
          min: `${d.criteria.minHealedPercent}%`,
        })),
        ["name", "fault", "instances", "detect", "heal", "min"],
      );
    });

  drill
    .command("run <name>")
    .description("start a run; waits for its end and exits 1 unless it passed (--no-wait returns at once)")
    .option("-n, --instances <n>", "how many instances to create instead of the drill's count")
    .option("--no-wait", "print the run id and return")
    .option("-o, --out <dir>", "write report.json and report.html into this directory when the run ends")
    .option("--poll <ms>", "how often to look at the run while waiting", "1000")
    .action(async (name: string, opts: { instances?: string; wait: boolean; out?: string; poll: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const body: { instances?: number } = {};
      if (opts.instances !== undefined) body.instances = wholeNumber(opts.instances, "--instances");
      const pollMs = wholeNumber(opts.poll, "--poll");
      const started = (await client.request("POST", `/api/v1/drills/${encodeURIComponent(name)}/runs`, { contentType: "application/json", payload: JSON.stringify(body) })) as { runId: string };
      if (!opts.wait) {
        if (json) printJson(started);
        else process.stdout.write(`started run ${started.runId} of drill ${name}; follow it with: reflex drill report ${started.runId}\n`);
        return;
      }
      if (!json) process.stdout.write(`started run ${started.runId} of drill ${name}; following it (Ctrl-C stops following, not the run)\n`);
      const report = await follow(client, started.runId, pollMs, json ? () => undefined : (line) => process.stdout.write(`${line}\n`));
      if (opts.out !== undefined) await writeReports(client, report, opts.out);
      if (json) printJson(report);
      else printSummary(report, opts.out);
      if (report.status !== "passed") process.exitCode = 1;
    });

  drill
    .command("runs")
    .description("drill runs, newest first")
    .option("-d, --drill <name>", "only this drill's")
    .option("-l, --limit <n>", "how many", "20")
    .action(async (opts: { drill?: string; limit: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.drill !== undefined) params.set("drill", opts.drill);
      const answer = (await client.request("GET", `/api/v1/drill-runs?${params.toString()}`)) as { items: DrillRunListItem[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((r) => ({
          run: r.runId,
          drill: r.drill,
          status: r.status,
          started: r.startedAt,
          healed: r.summary ? `${r.summary.healed}/${r.summary.instances}` : null,
          mttr: r.summary?.mttrMs == null ? null : formatMs(r.summary.mttrMs),
        })),
        ["run", "drill", "status", "started", "healed", "mttr"],
      );
    });

  drill
    .command("report <runId>")
    .description("a run's report: the summary (--json: the whole report, --html: the HTML page)")
    .option("--html", "print the self-contained HTML page")
    .action(async (runId: string, opts: { html?: boolean }, command: Command) => {
      const { client, json } = clientFor(command);
      const path = `/api/v1/drill-runs/${encodeURIComponent(runId)}`;
      if (opts.html) {
        process.stdout.write(String(await client.request("GET", `${path}/report.html`)));
        return;
      }
      const report = (await client.request("GET", path)) as DrillReport;
      if (json) printJson(report);
      else printSummary(report);
    });
}

/** Polls the run until it ends, handing each new timeline entry to `print`. */
async function follow(client: ApiClient, runId: string, pollMs: number, print: (line: string) => void): Promise<DrillReport> {
  const printed = new Set<string>();
  for (;;) {
    const report = (await client.request("GET", `/api/v1/drill-runs/${encodeURIComponent(runId)}`)) as DrillReport;
    for (const t of report.timeline) {
      const key = `${t.at}\u0000${t.instanceId ?? ""}\u0000${t.what}`;
      if (printed.has(key)) continue;
      printed.add(key);
      print(`${t.at.slice(11, 23)}  ${(t.instanceId ?? "run").padEnd(14)}  ${t.what}`);
    }
    if (report.status !== "running") return report;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function writeReports(client: ApiClient, report: DrillReport, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const html = String(await client.request("GET", `/api/v1/drill-runs/${encodeURIComponent(report.runId)}/report.html`));
  await writeFile(join(dir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, "report.html"), html);
}

function printSummary(report: DrillReport, out?: string): void {
  const s = report.summary;
  const ms = (v: number | null) => (v === null ? "-" : formatMs(v));
  const lines = [
    "",
    `drill ${report.drill}, run ${report.runId}: ${report.status.toUpperCase()}${report.error ? ` (${report.error})` : ""}`,
    ...report.criteria.results.map((c) => `  ${c.passed ? "pass" : "FAIL"}  ${c.criterion} ${c.required}: ${c.detail}`),
    `  instances ${s.instances}, injected ${s.injected}, detected ${s.detected}, remediation started ${s.remediated}, healed ${s.healed}, failed ${s.failed}`,
    `  MTTD ${ms(s.mttdMs)}, MTTR ${ms(s.mttrMs)} (heal p50 ${ms(s.p50HealMs)}, p95 ${ms(s.p95HealMs)}, max ${ms(s.maxHealMs)})`,
    ...(out === undefined ? [] : [`  reports written to ${join(out, "report.json")} and ${join(out, "report.html")}`]),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

function wholeNumber(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`${option} must be a whole number of at least 1 (got '${text}')`);
  return n;
}
