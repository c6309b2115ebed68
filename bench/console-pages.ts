// The console's pages as the benchmark loads them: for each, the API requests its first screen
// makes, all at once, as the page's components do (read from ui/src/pages/*: each `useApi`
// that runs on first render, with the query it sends by default). Filtered variants of the
// list pages are pages of their own, since a filter is a shareable link an operator opens.
import type { SeedFacts } from "./console-seed.js";

/** One page's first screen. */
export interface ConsolePage {
  /** What the operator opens, e.g. "Events · free text (an instance id)". */
  name: string;
  /** The console URL. */
  route: string;
  /** API paths with their query, requested in parallel. */
  requests: string[];
}

/** Matches no stored event: a pattern search that spends its whole scan budget. */
const PATTERN_NONE = { data: { instanceName: ["no-such-host"] } };
/** Matches about one Alertmanager alert in six. */
const PATTERN_CRITICAL = { source: ["alertmanager"], data: { labels: { severity: ["critical"], alertname: ["TargetDown"] } } };

/** Every page measured, built around the seeded ids and names. */
export function consolePages(facts: SeedFacts, instanceId: string): ConsolePage[] {
  const q = (path: string, query: Record<string, string | number>): string => `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  const events = (query: Record<string, string | number>) => [q("/api/v1/events", { ...query, limit: 50 }), "/api/v1/buses"];
  const executions = (query: Record<string, string | number>) => [q("/api/v1/executions", { ...query, limit: 50 }), "/api/v1/workflows"];
  const drillName = "c-ping-unreachable-50";
  const pages: ConsolePage[] = [
    { name: "Overview · last hour", route: "/", requests: [q("/api/v1/stats/overview", { window: "1h", bucket: "1m" })] },
    { name: "Overview · last 7 days", route: "/?window=7d", requests: [q("/api/v1/stats/overview", { window: "7d", bucket: "1h" })] },
    { name: "Events", route: "/events", requests: events({}) },
    { name: "Events · free text (an instance id)", route: `/events?q=${instanceId}`, requests: events({ q: instanceId }) },
    { name: "Events · free text (a word in most events)", route: "/events?q=prod", requests: events({ q: "prod" }) },
    { name: "Events · type filter", route: "/events?type=…", requests: events({ type: "cvm:ErrorEvent:PingUnreachable" }) },
    { name: "Events · subject filter", route: "/events?subject=…", requests: events({ subject: facts.subject }) },
    { name: "Events · last 24 h", route: "/events?from=24h", requests: events({ from: "24h" }) },
    { name: "Events · pattern (TargetDown, critical)", route: "/events?pattern=…", requests: events({ pattern: JSON.stringify(PATTERN_CRITICAL) }) },
    { name: "Events · pattern matching nothing (whole scan budget)", route: "/events?pattern=…", requests: events({ pattern: JSON.stringify(PATTERN_NONE) }) },
    { name: "Event detail (with lineage)", route: "/events/:id", requests: [q(`/api/v1/events/${encodeURIComponent(facts.event.id)}`, { bus: "default", source: facts.event.source })] },
    { name: "Rules", route: "/rules", requests: ["/api/v1/rules", q("/api/v1/deliveries", { limit: 200 })] },
    { name: "Rule detail", route: "/rules/:name", requests: [`/api/v1/rules/${encodeURIComponent(facts.rule)}`, q("/api/v1/deliveries", { rule: facts.rule, limit: 1 })] },
    { name: "Executions", route: "/executions", requests: executions({}) },
    { name: "Executions · status failed", route: "/executions?status=failed", requests: executions({ status: "failed" }) },
    { name: "Executions · status running", route: "/executions?status=running", requests: executions({ status: "running" }) },
    { name: "Executions · status succeeded", route: "/executions?status=succeeded", requests: executions({ status: "succeeded" }) },
    { name: "Executions · one workflow", route: "/executions?workflow=…", requests: executions({ workflow: facts.failedExecution.workflow }) },
    {
      name: "Execution detail (failed)",
      route: "/executions/:id",
      requests: [`/api/v1/executions/${facts.failedExecution.id}`, `/api/v1/workflows/${encodeURIComponent(facts.failedExecution.workflow)}`, "/api/v1/workflows"],
    },
    { name: "Approvals · pending", route: "/approvals", requests: [q("/api/v1/approvals", { status: "pending", limit: 50 })] },
    { name: "Approvals · answered", route: "/approvals?tab=answered", requests: [q("/api/v1/approvals", { status: "pending", limit: 50 }), q("/api/v1/approvals", { limit: 50 })] },
    { name: "Dead letters", route: "/dead-letters", requests: [q("/api/v1/deliveries", { status: "dead", limit: 50 }), "/api/v1/rules"] },
    { name: "Dead letters · one rule", route: "/dead-letters?rule=…", requests: [q("/api/v1/deliveries", { status: "dead", rule: facts.rule, limit: 50 }), "/api/v1/rules"] },
    { name: "Fleet", route: "/fleet", requests: ["/api/v1/sim", "/api/v1/sim/instances", "/api/v1/sim/faults"] },
    { name: "Drills", route: "/drills", requests: ["/api/v1/drills", q("/api/v1/drill-runs", { limit: 50 }), q("/api/v1/drill-runs", { drill: drillName, limit: 30 })] },
  ];
  if (facts.pendingExecution) {
    const x = facts.pendingExecution;
    pages.push({
      name: "Execution detail (waiting for an approval)",
      route: "/executions/:id",
      requests: [`/api/v1/executions/${x.id}`, `/api/v1/workflows/${encodeURIComponent(x.workflow)}`, "/api/v1/workflows", q("/api/v1/approvals", { executionId: x.id, status: "pending", limit: 50 })],
    });
  }
  if (facts.drillRun) {
    pages.push({ name: "Drill run report", route: "/drills/runs/:id", requests: [`/api/v1/drill-runs/${facts.drillRun}`, "/api/v1/drills", q("/api/v1/drill-runs", { drill: drillName, limit: 30 })] });
  }
  return pages;
}
