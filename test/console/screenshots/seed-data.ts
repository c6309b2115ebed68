// Realistic data for the console's screenshots, made the way it happens in use: faults injected
// into the demo fleet (seed scenarios c, g, b and e heal or ask), a webhook that is down (so
// dead letters pile up), a few events from a monitoring system, and a small chaos drill. It
// waits until the pictures have something to show: a healed execution, a pending approval,
// dead letters and a finished drill run.
import { waitFor } from "../../support/reflex.js";
import type { ConsoleEnvironment } from "../support/environment.js";
import { closedPort } from "../support/receiver.js";

/** What the screenshots link to. */
export interface SeedData {
  /** The execution of c.ping-unreachable that healed a server. */
  executionId: string;
  /** The ping-unreachable event that started it. */
  eventId: string;
  /** A dead delivery, opened in the Dead letters screenshot. */
  deadLetterId: string;
  /** The pending approval of scenario g. */
  approvalId: string;
  /** A finished drill run. */
  drillRunId: string;
}

interface Execution {
  id: string;
  status: string;
  input: { instance?: string } | null;
  trigger: { event?: { id: string | null } } | null;
}

const DRILL = "c-ping-unreachable-50";

/** Makes the data and waits for its results (up to about three minutes for the drill). */
export async function seedData(env: ConsoleEnvironment, log: (line: string) => void = () => undefined): Promise<SeedData> {
  const [web1, web2, web3, web4] = env.instances;
  const aliyun = env.instances.find((id) => !id.startsWith("ins-")) ?? env.instances[4];
  if (web1 === undefined || web2 === undefined || web3 === undefined || web4 === undefined || aliyun === undefined) throw new Error(`the playground's fleet is smaller than expected: ${env.instances.join(", ")}`);

  log("a webhook that is down: the CMDB sync rule");
  const port = await closedPort();
  await env.json("/api/v1/rules/cmdb-sync", {
    method: "PUT",
    body: {
      description: "Copies every Tencent Cloud alarm into the CMDB's change log.",
      labels: { team: "platform" },
      pattern: { source: ["cvm.cloud.tencent"], status: ["1"] },
      targets: [{ name: "cmdb", type: "http", url: `http://127.0.0.1:${port}/api/changes`, body: { instance: "{{ event.subject }}", what: "{{ event.type }}" }, retry: { attempts: 2, backoff: "200ms" } }],
    },
  });

  log("faults: ping_unreachable, disk_usage_high, disk_readonly, unexpected_stop");
  await env.sim.injectFault(web1, "ping_unreachable");
  await env.sim.injectFault(web2, "disk_usage_high");
  await env.sim.injectFault(web3, "disk_readonly");
  await env.sim.injectFault(aliyun, "unexpected_stop");

  log("events from a monitoring system");
  const now = Date.now();
  const events = ["HighLatency", "ErrorBudgetBurn", "HighLatency"].map((alert, i) => ({
    specversion: "1.0",
    id: `prom-${now}-${i}`,
    source: "monitoring.prometheus",
    type: `prometheus.alert.${alert}`,
    subject: i === 1 ? "checkout" : web4,
    time: new Date(now - (3 - i) * 60_000).toISOString(),
    datacontenttype: "application/json",
    data: { alertname: alert, severity: i === 1 ? "critical" : "warning", summary: i === 1 ? "checkout burns its error budget 14x too fast" : "p99 latency above 800 ms for 5 min" },
  }));
  await env.json("/api/v1/events", { method: "POST", body: events, expectStatus: 202 });

  log("a drill: 8 servers lose ping at once");
  const drill = await env.json<{ runId: string }>(`/api/v1/drills/${DRILL}/runs`, { method: "POST", body: { instances: 8 }, expectStatus: 202 });

  log("waiting for the heal of scenario c");
  const execution = await waitFor(
    async () => {
      const page = await env.json<{ items: Execution[] }>("/api/v1/executions?workflow=c.ping-unreachable&limit=100");
      return page.items.find((e) => e.status === "succeeded" && e.input?.instance === web1);
    },
    `the execution of c.ping-unreachable for ${web1} to succeed`,
    90_000,
  );
  const approval = await waitFor(
    async () => (await env.json<{ items: { id: string; message: string }[] }>("/api/v1/approvals?status=pending")).items.find((a) => a.message.includes(web2)),
    "the approval of scenario g",
    60_000,
  );
  const dead = await waitFor(
    async () => {
      const page = await env.json<{ items: { id: string }[] }>("/api/v1/deliveries?status=dead&rule=cmdb-sync");
      return page.items.length >= 3 ? page.items[0] : undefined;
    },
    "dead letters of the CMDB sync",
    60_000,
  );
  log("waiting for the drill to finish");
  await waitFor(
    async () => {
      const run = await env.json<{ status: string }>(`/api/v1/drill-runs/${drill.runId}`);
      return run.status === "running" ? undefined : run;
    },
    `drill run ${drill.runId} to finish`,
    240_000,
  );
  return { executionId: execution.id, eventId: execution.trigger?.event?.id ?? "", deadLetterId: dead.id, approvalId: approval.id, drillRunId: drill.runId };
}
