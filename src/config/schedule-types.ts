// `kind: Schedule` as the rest of Reflex reads it, after loading and validation: the cron
// expression and time zone as written (both checked), the event's templates kept as written
// (the scheduler compiles them once per spec).
//
//   kind: Schedule
//   name: nightly-report
//   cron: "0 3 * * *"
//   timezone: Asia/Shanghai
//   event: {type: ops.report.due, data: {day: "{{ $substring(local, 0, 10) }}"}}
import type { JsonValue } from "../core/json.js";

/** The event a schedule emits at each fire; `subject` and `data` are templates. */
export interface ScheduleEventSpec {
  type: string;
  subject: string;
  /** Absent: `{schedule, scheduled, local, timezone}`. */
  data?: JsonValue;
}

/** A validated `kind: Schedule`. */
export interface ScheduleSpec {
  name: string;
  description?: string;
  /** 5 fields (minute first) or 6 (second first), or a nickname such as `@daily`. */
  cron: string;
  /** IANA time zone the cron fields are read in. */
  timezone: string;
  bus: string;
  event: ScheduleEventSpec;
}
