// What a worker runs: one handler per job kind, and the logger it reports to (pino fits).
import type { JsonValue } from "../core/json.js";
import type { Job } from "./types.js";

/** What a handler gets besides its job. */
export interface JobContext {
  /** Aborted when the worker lost the job's lease (reclaimed elsewhere, or cancelled). */
  signal: AbortSignal;
  workerId: string;
}

/** Runs one job; the value returned is stored as the job's result. */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<JsonValue | void>;

/** The logging a worker does; a pino logger fits. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Drops every line; the default when no logger is given. */
export const silentLogger: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
