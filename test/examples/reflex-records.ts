// What the example tests read back from Reflex's own records: the executions a workflow had
// and the stored events a search finds, through the HTTP API as a user (or the CLI) would —
// and Alibaba instances created once Reflex is listening, returned when Reflex has seen them
// run (its first ingest takes seconds under test load: a fault injected before that would be
// handled late, and a preemptible instance's release notice could run out).
import type { ExampleRun } from "../support/example-run.js";
import { waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import type { SimInstance, SimInstanceSpec } from "../../src/sim/types.js";

/** An execution as `GET /api/v1/executions` lists it (the fields the example tests read). */
export interface ExecutionRecord {
  id: string;
  workflow: string;
  status: string;
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
  error: string | null;
}

/** A stored event as `GET /api/v1/events` lists it. */
export interface StoredEvent {
  seq: number;
  schemaError: unknown;
  event: { id: string; source: string; type: string; subject?: string; time: string; region?: string; data: Record<string, unknown> };
}

/** The executions of `workflow`, newest first. */
export async function executionsOf(reflex: TestReflex, workflow: string): Promise<ExecutionRecord[]> {
  const res = await reflex.api(`/api/v1/executions?workflow=${encodeURIComponent(workflow)}&limit=100`);
  if (!res.ok) throw new Error(`listing executions of ${workflow}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: ExecutionRecord[] }).items;
}

const ENDED = new Set(["succeeded", "failed", "timeout", "canceled"]);

/** Polls until an execution of `workflow` whose input names `instance` has ended, and returns it. */
export function endedExecution(reflex: TestReflex, workflow: string, instance: string, timeoutMs = 15_000): Promise<ExecutionRecord> {
  return waitFor(
    async () => (await executionsOf(reflex, workflow)).find((e) => e.input["instance"] === instance && ENDED.has(e.status) && e.status !== "canceled"),
    `an ended execution of ${workflow} for ${instance}`,
    timeoutMs,
  );
}

/** Stored events matching the search parameters (`subject=…&type=…`), oldest first (by seq). */
export async function searchEvents(reflex: TestReflex, query: Record<string, string>): Promise<StoredEvent[]> {
  const params = new URLSearchParams({ limit: "1000", ...query });
  const res = await reflex.api(`/api/v1/events?${params.toString()}`);
  if (!res.ok) throw new Error(`searching events (${params.toString()}): ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: StoredEvent[] }).items.sort((a, b) => a.seq - b.seq);
}

/** The new state of an `Instance:StateChange` event (`data.content.state`), if it is one. */
export function stateOf(stored: StoredEvent): unknown {
  return (stored.event.data["content"] as Record<string, unknown> | undefined)?.["state"];
}

/** Creates Alibaba instances in the example's simulator; resolves once Reflex has stored each one's Running event. */
export async function createSeenInstances(run: ExampleRun, specs: readonly SimInstanceSpec[]): Promise<SimInstance[]> {
  const created = run.sim.fleet.createInstances(specs);
  await waitFor(async () => {
    const running = new Set((await searchEvents(run.reflex, { source: "acs.ecs", type: "Instance:StateChange" })).filter((e) => stateOf(e) === "Running").map((e) => e.event.subject));
    return created.every((i) => running.has(i.id)) ? true : undefined;
  }, `Reflex to store the Running events of ${created.map((i) => i.id).join(", ")}`, 15_000);
  return created;
}
