// What a workflow and its tasks get when their document does not say, and the bounds on what it
// may say. One place, so the schema, the checks, the built spec and docs/workflows.md agree.
import type { ConcurrencySpec } from "../workflow-types.js";

/** Most tasks one workflow may have. */
export const MAX_TASKS = 500;

/** Most retries a task may ask for (`retry.count`): enough for a long poll. */
export const MAX_RETRY_COUNT = 10_000;

/** Largest growth factor between two retry waits (`retry.backoff`). */
export const MAX_RETRY_BACKOFF = 10;

/** Longest `delay`, `timeout` or `retry.delay` of a task. */
export const MAX_TASK_DURATION_MS = 7 * 86_400_000;

/** Most items of a with-items task in flight at once (`with.concurrency`). */
export const MAX_ITEMS_CONCURRENCY = 1000;

/** Wait before the first retry when `retry.delay` is not given. */
export const DEFAULT_RETRY_DELAY_MS = 0;

/** Growth factor of retry waits when `retry.backoff` is not given: constant waits. */
export const DEFAULT_RETRY_BACKOFF = 1;

/** `concurrency.key` and `concurrency.policy` when not given: one key for the workflow, wait in line. */
export const DEFAULT_CONCURRENCY: Readonly<Pick<ConcurrencySpec, "key" | "policy">> = Object.freeze({ key: "", policy: "queue" });

/**
 * Names in `ctx` that need no declaration: `event` is the event that started the execution
 * when a rule started it.
 */
export const IMPLICIT_CTX_NAMES: readonly string[] = Object.freeze(["event"]);
