// The durable job queue's public surface: enqueue (also inside a caller's transaction), claim
// with a lease, heartbeat, complete, fail with backoff and dead-lettering, operator actions,
// read views, and the Worker that ties them together.
export { enqueue, enqueueMany } from "./enqueue.js";
export { claimJobs } from "./claim.js";
export { heartbeatJob } from "./heartbeat.js";
export { completeJob } from "./complete.js";
export { failJob } from "./fail.js";
export type { FailOptions, FailOutcome } from "./fail.js";
export { retryDelay } from "./backoff.js";
export { cancelJob, retryJob } from "./redrive.js";
export { getJob, listJobs, queueDepth } from "./read-jobs.js";
export { FINISHED_JOB_RETENTION_MS, pruneFinishedJobs } from "./prune.js";
export { JOB_DEFAULTS } from "./job-values.js";
export type { LeaseHolder } from "./lease-holder.js";
export { PermanentJobError } from "./permanent-job-error.js";
export { Worker } from "./worker.js";
export type { WorkerOptions } from "./worker.js";
export type { JobContext, JobHandler, JobLogger } from "./job-handler.js";
export type { ClaimOptions, EnqueueOptions, EnqueueResult, Job, JobStatus, ListJobsOptions, QueueDepth } from "./types.js";
