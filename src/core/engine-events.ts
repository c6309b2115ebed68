// The events the workflow engine reports about itself, ingested on the default bus like any
// other, so rules can match them (notify on failure, escalate an approval) and channels can
// render them with their default messages. Kept here because both sides name them.

/** An execution's end: `reflex.execution.succeeded`, `….failed`, `….canceled`. */
export const EXECUTION_EVENT_PREFIX = "reflex.execution.";

/** A person is asked to answer an approval. */
export const APPROVAL_REQUESTED_EVENT = "reflex.approval.requested";

/** A workflow's circuit breaker opened; it refuses new executions until re-armed. */
export const CIRCUIT_OPEN_EVENT = "reflex.workflow.circuit_open";
