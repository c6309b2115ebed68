// The jobs the rules engine runs, and the queues they run on. Matching happens at ingest; all
// the rest (throttles, rendering, delivering) happens in these durable jobs.

/** The queue of the rules engine's own jobs (a worker pool claims it). */
export const RULES_QUEUE = "rules";

/** Decides what becomes of an event's matches: payload `DispatchPayload`. */
export const DISPATCH_JOB = "rules.dispatch";

/** Delivers a closed group: payload `{rule, key, groupId}`. */
export const FLUSH_GROUP_JOB = "rules.flush-group";

/** Makes the attempts of one delivery: payload `{deliveryId}`. */
export const DELIVER_JOB = "rules.deliver";

export { WORKFLOW_START_JOB, WORKFLOWS_QUEUE } from "../core/workflow-jobs.js";
