// Checks of a Schedule's `cron` and `timezone`, with the place of the mistake. Croner parses
// the expression, but its errors name a field by its internal name (and for day and month by
// an off-by-one index), and say nothing of where in the text it is; so when the whole
// expression does not parse, each field is tried alone to find the first bad one, and the
// problem names it by position, name and character offset, with the values it takes.
import { Cron } from "croner";
import type { CronOptions } from "croner";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";

/** How Reflex reads cron expressions: 5 fields (minute first) or 6 (second first); nicknames too. */
export const CRON_MODE: CronOptions["mode"] = "5-or-6-parts";

/** A cron field's name and the values it takes, for messages. */
interface FieldInfo {
  name: string;
  takes: string;
}

const SECOND: FieldInfo = { name: "second", takes: "0-59" };
const FIVE_FIELDS: readonly FieldInfo[] = [
  { name: "minute", takes: "0-59" },
  { name: "hour", takes: "0-23" },
  { name: "day of month", takes: "1-31, L or W" },
  { name: "month", takes: "1-12 or JAN-DEC" },
  { name: "day of week", takes: "0-7 (0 and 7 are Sunday) or SUN-SAT, with L or #1-#5" },
];

/** The canonical IANA name of `zone` (`asia/shanghai` → `Asia/Shanghai`), or undefined when unknown. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A problem at `pointer` when `zone` is not an IANA time zone, else none. */
export function timeZoneProblems(zone: string, pointer: string, at: ProblemLocator): ConfigProblem[] {
  if (canonicalTimeZone(zone) !== undefined) return [];
  const hint = didYouMean(zone, [...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return [at.problem(pointer, `'${zone}' is not an IANA time zone; write e.g. UTC, Asia/Shanghai or Europe/Berlin${hint}`)];
}

/**
 * A problem at `pointer` when `expression` is not a cron expression Reflex reads (in `zone`,
 * which must be valid), or one that never fires; else none.
 */
export function cronProblems(expression: string, zone: string, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const text = expression.trim();
  const fields = text.split(/\s+/);
  if (!text.startsWith("@") && fields.length !== 5 && fields.length !== 6) {
    return [
      at.problem(
        pointer,
        `cron '${expression}' has ${fields.length} field${fields.length === 1 ? "" : "s"}; write 5 (minute hour day-of-month month day-of-week) or 6 (a second first)`,
      ),
    ];
  }
  let cron: Cron;
  try {
    cron = new Cron(text, { mode: CRON_MODE, timezone: zone });
  } catch (err) {
    return [at.problem(pointer, text.startsWith("@") ? nicknameMessage(expression) : fieldMessage(expression, fields, err))];
  }
  if (cron.nextRun() === null) return [at.problem(pointer, `cron '${expression}' never fires (no date matches it, e.g. 30 February); check its day and month fields`)];
  return [];
}

function nicknameMessage(expression: string): string {
  return `cron '${expression}' is not a nickname Reflex knows; use @yearly, @monthly, @weekly, @daily or @hourly, or write the fields`;
}

/** Names the first field that does not parse on its own, with where it starts. */
function fieldMessage(expression: string, fields: readonly string[], whole: unknown): string {
  const infos = fields.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [index, field] of fields.entries()) {
    const alone = fields.map((f, i) => (i === index ? f : "*")).join(" ");
    try {
      new Cron(alone, { mode: CRON_MODE });
    } catch (err) {
      const info = infos[index] ?? { name: "field", takes: "" };
      const offset = fieldOffset(expression, index);
      return `cron '${expression}': field ${index + 1} (${info.name}) '${field}' at character ${offset} ${reason(err, info)}`;
    }
  }
  return `cron '${expression}' does not parse: ${cronerReason(whole)}`;
}

/** Why a field failed, in Reflex's words for ranges and characters, in croner's otherwise. */
function reason(err: unknown, info: FieldInfo): string {
  if (err instanceof RangeError) return `is out of range; the ${info.name} field takes ${info.takes}`;
  const text = cronerReason(err);
  if (text.includes("illegal characters")) return `holds characters cron does not read; the ${info.name} field takes ${info.takes}, lists (,), ranges (-) and steps (/)`;
  return `is not valid: ${text}`;
}

function cronerReason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, "");
}

/** The 1-based character offset where field `index` (0-based) starts in `expression`. */
function fieldOffset(expression: string, index: number): number {
  const re = /\S+/g;
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= index; i++) match = re.exec(expression);
  return (match?.index ?? 0) + 1;
}
