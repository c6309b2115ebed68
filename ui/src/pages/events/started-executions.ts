// Which executions a workflow delivery started. The lineage lists deliveries, not executions;
// an execution started by a rule names its delivery in `trigger.deliveryId`. The executions
// API lists newest first with a cursor that is an execution id, and ids are UUIDv7 (time
// first, src/core/ids.ts), so an id made from a time is a cursor meaning "created before
// then": one bounded request lists the workflow's executions created up to a while after the
// delivery, and the ones naming it are picked out.
import { useApi } from "../../api/use-api";
import type { ApiState } from "../../api/use-api";
import type { DeliveryView, ExecutionPage, ExecutionSummary } from "./types";

/** How long after a delivery's last change its execution may have been created. */
const SLACK_MS = 10 * 60_000;
/** Executions of the workflow looked at. */
export const LOOK_AT = 100;

/** The largest UUIDv7 of millisecond `ms`: every id created at or before `ms` sorts below it. */
export function idCursorAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0").slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7fff-bfff-ffffffffffff`;
}

/** The workflow a delivery starts, or null when it is not a workflow delivery. */
export function workflowOf(delivery: DeliveryView): string | null {
  if (delivery.type !== "workflow") return null;
  const name = delivery.request?.workflow;
  return typeof name === "string" ? name : null;
}

/** True when `execution` was started by `deliveryId`. */
export function startedBy(execution: ExecutionSummary, deliveryId: string): boolean {
  const trigger = execution.trigger;
  return typeof trigger === "object" && trigger !== null && (trigger as { deliveryId?: unknown }).deliveryId === deliveryId;
}

/** The executions `delivery` started (loads nothing for other deliveries, or while `enabled` is false). */
export function useStartedExecutions(delivery: DeliveryView, enabled: boolean): { workflow: string | null; state: ApiState<ExecutionPage>; found: ExecutionSummary[] } {
  const workflow = workflowOf(delivery);
  const lastChange = Date.parse(delivery.finishedAt ?? delivery.updatedAt);
  const path = workflow === null || !enabled || delivery.attemptCount === 0 ? null : "/api/v1/executions";
  const state = useApi<ExecutionPage>(path, {
    query: { workflow: workflow ?? undefined, topLevel: true, limit: LOOK_AT, cursor: Number.isNaN(lastChange) ? undefined : idCursorAt(lastChange + SLACK_MS) },
  });
  const found = (state.data?.items ?? []).filter((x) => startedBy(x, delivery.id));
  return { workflow, state, found };
}
