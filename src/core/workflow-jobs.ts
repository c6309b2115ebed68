// The hand-over between the rules engine and the workflow engine, which may not import each
// other: a rule's `workflow` target enqueues this job on this queue, and the workflow
// engine's workers claim it (payload `{workflow, input, event, deliveryId}`). The engine's
// tasks run on the same queue unless a task or workflow names another pool.

/** Starts an execution for a rule's delivery. */
export const WORKFLOW_START_JOB = "workflow.start";

/** The worker pool of workflow starts, and of tasks that name no pool. */
export const WORKFLOWS_QUEUE = "workflows";
