// The way a handler says "retrying will not help" (bad input, a resource that no longer
// exists): the job is dead-lettered at once instead of spending its remaining attempts.
import { ReflexError } from "../core/errors.js";

/** Thrown by a job handler to dead-letter its job without further attempts. */
export class PermanentJobError extends ReflexError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("permanent_job_error", message, options);
  }
}
