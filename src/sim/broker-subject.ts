// Where on a broker each emitted event goes. One scheme for both clouds and both brokers:
//
//   <prefix> . <cloud> . <product> . <category …> . <name>
//   sim.tencent.cvm.ErrorEvent.PingUnreachable      (type "cvm:ErrorEvent:PingUnreachable")
//   sim.aliyun.ecs.Instance.StateChange             (product "ECS", name "Instance:StateChange")
//
// The vendor's `:`-separated type becomes subject tokens (NATS) or topic levels (MQTT, with
// `/` instead of `.`), so consumers filter with the broker's own wildcards —
// `sim.tencent.>`, `sim.*.*.ErrorEvent.>`, `sim/aliyun/#` — instead of matching a `:` inside
// one token. Alibaba names carry no product, so the product is put in front, which makes both
// clouds' subjects the same depth. Characters a broker does not allow in a token or level
// (NATS: whitespace, `.`, `*`, `>`; MQTT: `/`, `+`, `#`; both: NUL) become `_`.
import { ValidationError } from "../core/errors.js";
import type { SimEmittedEvent } from "./types.js";

/** The brokers' two ways of writing a hierarchical name. */
export type SubjectStyle = "nats" | "mqtt";

/** The prefix used when none is given. */
export const DEFAULT_SUBJECT_PREFIX = "sim";

const SEPARATOR: Record<SubjectStyle, string> = { nats: ".", mqtt: "/" };
const NOT_IN_TOKEN: Record<SubjectStyle, RegExp> = { nats: /[\s.*>]/g, mqtt: /[/+#]/g };
/** Neither broker takes NUL in a name. */
const NUL = String.fromCharCode(0);

/** The NATS subject or MQTT topic of `event` under `prefix` (checked with checkSubjectPrefix). */
export function eventSubject(event: SimEmittedEvent, prefix: string, style: SubjectStyle): string {
  const tokens = [event.format, ...vendorTokens(event)].map((token) => token.replace(NOT_IN_TOKEN[style], "_").replaceAll(NUL, "_") || "_");
  return [prefix, ...tokens].join(SEPARATOR[style]);
}

/**
 * Checks a prefix the user gave: NATS tokens separated by `.` (no wildcards, no whitespace),
 * or MQTT levels separated by `/` (no wildcards). Returns it; throws a ValidationError naming
 * `field` otherwise.
 */
export function checkSubjectPrefix(prefix: string, style: SubjectStyle, field = "prefix"): string {
  const problem = prefixProblem(prefix, style);
  if (problem !== undefined) throw new ValidationError(`${field}: '${prefix}' ${problem}`, { pointer: `/${field}` });
  return prefix;
}

function prefixProblem(prefix: string, style: SubjectStyle): string | undefined {
  if (prefix === "") return "is empty; give e.g. 'sim' or 'team.sim'";
  if (prefix.includes(NUL)) return "contains a NUL character";
  if (style === "nats") {
    if (/[\s*>]/.test(prefix)) return "is not a NATS subject prefix: whitespace and the wildcards '*' and '>' are not allowed";
    if (prefix.split(".").some((token) => token === "")) return "has an empty token: NATS subject tokens are separated by single dots, e.g. 'team.sim'";
    return undefined;
  }
  if (/[+#]/.test(prefix)) return "is not an MQTT topic prefix: the wildcards '+' and '#' are not allowed";
  if (prefix.startsWith("$")) return "starts with '$', which MQTT brokers keep for themselves";
  return undefined;
}

/** The event's own hierarchical name: the Tencent type, or the Alibaba product and name. */
function vendorTokens(event: SimEmittedEvent): string[] {
  const body = event.body;
  if (event.format === "tencent") return text(body.type, "unknown").split(":");
  return [text(body.product, "unknown").toLowerCase(), ...text(body.name, "unknown").split(":")];
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}
