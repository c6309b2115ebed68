// `kind: Schedule`: a cron expression read in a time zone, emitting one event per fire, once
// per cluster (the scheduler records each fire under a unique key).
//
//   kind: Schedule
//   name: nightly-report
//   cron: "0 3 * * *"              # 5 fields, or 6 with a second first, or @daily etc.
//   timezone: Asia/Shanghai        # IANA; default UTC
//   bus: ops                       # default: default
//   event:                         # default: type reflex.schedule.fired, subject the name
//     type: ops.report.due
//     subject: "{{ schedule }}"
//     data: {day: "{{ $substring(local, 0, 10) }}"}
import { Type } from "typebox";
import type { Static } from "typebox";
import type { JsonValue } from "../../core/json.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import type { ScheduleSpec } from "../schedule-types.js";
import { DEFAULT_BUS } from "../types.js";
import { busReferenceProblems } from "./bus-reference.js";
import { Name, documentSchema } from "./common.js";
import { defineKind } from "./kind.js";
import { canonicalTimeZone, cronProblems, timeZoneProblems } from "./schedule-cron.js";
import { templateProblems } from "./template-check.js";

/** The event type of a schedule whose document gives none. */
export const DEFAULT_SCHEDULE_EVENT_TYPE = "reflex.schedule.fired";
/** The time zone of a schedule whose document gives none. */
export const DEFAULT_SCHEDULE_TIMEZONE = "UTC";

/** JSON Schema of a Schedule document. */
export const ScheduleSchema = documentSchema("Schedule", {
  cron: Type.String({ minLength: 1, description: "a cron expression such as '0 3 * * *'" }),
  timezone: Type.Optional(Type.String({ minLength: 1, description: "an IANA time zone such as Asia/Shanghai" })),
  bus: Type.Optional(Name),
  event: Type.Optional(
    Type.Object(
      {
        type: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: "an event type of 1 to 256 characters" })),
        subject: Type.Optional(Type.String({ minLength: 1, description: "a non-empty text (templates allowed)" })),
        data: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: false },
    ),
  ),
});

/** A Schedule document that fits its schema. */
export type ScheduleDocument = Static<typeof ScheduleSchema>;

/** The time zone (checked first: the cron is read in it), the cron, and the event's templates. */
function scheduleProblems(value: ScheduleDocument, at: ProblemLocator): ConfigProblem[] {
  const zone = value.timezone ?? DEFAULT_SCHEDULE_TIMEZONE;
  const problems = timeZoneProblems(zone, "/timezone", at);
  if (problems.length === 0) problems.push(...cronProblems(value.cron, zone, "/cron", at));
  problems.push(...templateProblems(value.event?.subject, "/event/subject", at));
  problems.push(...templateProblems(value.event?.data, "/event/data", at));
  return problems;
}

/** The Schedule spec for a valid document, defaults filled in. */
export function buildSchedule(doc: ScheduleDocument): ScheduleSpec {
  const zone = doc.timezone ?? DEFAULT_SCHEDULE_TIMEZONE;
  const spec: ScheduleSpec = {
    name: doc.name,
    cron: doc.cron.trim(),
    timezone: canonicalTimeZone(zone) ?? zone,
    bus: doc.bus ?? DEFAULT_BUS.name,
    event: { type: doc.event?.type ?? DEFAULT_SCHEDULE_EVENT_TYPE, subject: doc.event?.subject ?? doc.name },
  };
  if (doc.description !== undefined) spec.description = doc.description;
  // Parsed YAML holds only JSON values (the core schema has no dates or binary).
  if (doc.event?.data !== undefined) spec.event.data = doc.event.data as JsonValue;
  return spec;
}

/** The Schedule kind for the registry. */
export const scheduleKind = defineKind({
  kind: "Schedule",
  schema: ScheduleSchema,
  check: scheduleProblems,
  build: buildSchedule,
  assemble: (specs, config) => ({ ...config, schedules: new Map([...config.schedules, ...specs.map((s) => [s.name, s] as const)]) }),
  crossCheck: busReferenceProblems,
});
