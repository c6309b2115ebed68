// Why a drill could not be run: the simulator unreachable or refusing, its instances never
// running, a drill or run that does not exist. The message says what to do.
import { ReflexError } from "../core/errors.js";

/** A drill run could not be carried out. */
export class DrillError extends ReflexError {
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super("drill_failed", message, { status: options.status ?? 502, ...(options.cause === undefined ? {} : { cause: options.cause }) });
  }
}
