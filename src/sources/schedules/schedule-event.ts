// The event one fire of a schedule emits. Its id comes from the schedule's name and the slot,
// so the same fire always makes the same event (a second emission deduplicates in the store),
// and its time is the slot's. `subject` and `data` are templates over the fire:
//
//   now       the slot (the time this fire is for), RFC 3339 in UTC
//   local     the same instant in the schedule's time zone, with its offset
//   schedule  the schedule's name; timezone, cron: as configured
//   firedAt   when the fire happened (later than `now` for a slot caught up after downtime)
import type { ScheduleSpec } from "../../config/schedule-types.js";
import type { CloudEvent } from "../../core/event.js";
import type { JsonValue } from "../../core/json.js";
import { stableId } from "../../events/stable-id.js";
import { compileTemplate } from "../../expr/index.js";
import type { CompiledTemplate } from "../../expr/index.js";

/** `reflex.schedule/<name>`: the source of a schedule's events. */
export function scheduleSource(name: string): string {
  return `reflex.schedule/${name}`;
}

/** A schedule's event, compiled once per spec and rendered at each fire. */
export class ScheduleEventTemplate {
  private readonly subject: CompiledTemplate;
  private readonly data: CompiledTemplate | null;

  constructor(private readonly spec: ScheduleSpec) {
    this.subject = compileTemplate(spec.event.subject, "/event/subject");
    this.data = spec.event.data === undefined ? null : compileTemplate(spec.event.data, "/event/data");
  }

  /** The event of the fire of `slotMs`, fired at `firedMs`; rejects with a TemplateError. */
  async render(slotMs: number, firedMs: number): Promise<CloudEvent> {
    const { spec } = this;
    const now = new Date(slotMs).toISOString();
    const local = localTime(slotMs, spec.timezone);
    const context = { now, local, schedule: spec.name, timezone: spec.timezone, cron: spec.cron, firedAt: new Date(firedMs).toISOString() };
    const subject = await this.subject.render(context);
    const data: JsonValue = this.data === null ? { schedule: spec.name, scheduled: now, local, timezone: spec.timezone, cron: spec.cron } : await this.data.render(context);
    const event: CloudEvent = {
      specversion: "1.0",
      id: stableId("schedule", { schedule: spec.name, slot: slotMs }),
      source: scheduleSource(spec.name),
      type: spec.event.type,
      time: now,
      datacontenttype: "application/json",
      data,
    };
    if (subject !== null && subject !== "") event.subject = typeof subject === "string" ? subject : JSON.stringify(subject);
    return event;
  }
}

/** `ms` as wall-clock time in `zone`, RFC 3339 with the zone's offset then: `2026-01-02T03:00:00+08:00`. */
export function localTime(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  const offsetMinutes = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number): string => String(n).padStart(2, "0");
  const date = `${String(part("year")).padStart(4, "0")}-${pad(part("month"))}-${pad(part("day"))}`;
  return `${date}T${pad(part("hour"))}:${pad(part("minute"))}:${pad(part("second"))}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
