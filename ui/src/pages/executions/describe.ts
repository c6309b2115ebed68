// Small readings of an execution shared by the list and the detail page: how long it ran (or
// has been running), what started it in words, and a short form of its id.

/** A value's field when it is an object with that field as a string. */
function field(value: unknown, key: string): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
}

/** Milliseconds between start and end (or now while it runs); undefined before it starts. */
export function runMs(startedAt: string | null, finishedAt: string | null, now: number): number | undefined {
  if (startedAt === null) return undefined;
  const start = Date.parse(startedAt);
  const end = finishedAt === null ? now : Date.parse(finishedAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return Math.max(0, end - start);
}

/** What started an execution, in a few words, and the execution it came from when there is one. */
export interface TriggerText {
  kind: string;
  text: string;
  /** The execution this one is a rerun of, or whose task started it. */
  fromExecution?: string;
  /** The event that matched the rule, when known. */
  eventId?: string;
}

/** Reads `trigger` (`{kind: api|rule|rerun|parent, …}`) for people. */
export function describeTrigger(trigger: unknown): TriggerText {
  const kind = field(trigger, "kind") ?? "unknown";
  switch (kind) {
    case "api":
      return { kind, text: `started by ${field(trigger, "by") ?? "someone"}` };
    case "rule": {
      const event = trigger !== null && typeof trigger === "object" ? (trigger as Record<string, unknown>).event : undefined;
      const type = field(event, "type");
      const subject = field(event, "subject");
      return { kind, text: `rule: ${type ?? "an event"}${subject === undefined ? "" : ` · ${subject}`}`, eventId: field(event, "id") };
    }
    case "rerun":
      return { kind, text: `rerun by ${field(trigger, "by") ?? "someone"}`, fromExecution: field(trigger, "of") };
    case "parent":
      return { kind, text: `sub-workflow of task ${field(trigger, "task") ?? "?"}`, fromExecution: field(trigger, "executionId") };
    default:
      return { kind, text: kind };
  }
}

/** The first block of an id (UUIDv7 ids share their leading time digits, so the last block is kept too). */
export function shortId(id: string): string {
  const parts = id.split("-");
  if (parts.length < 5) return id.length > 12 ? `${id.slice(0, 12)}…` : id;
  return `${parts[0]}…${(parts[4] ?? "").slice(-6)}`;
}
