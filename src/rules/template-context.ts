// What a rule's templates see: `event` (the CloudEvent), `data` (= `event.data`), `rule`
// (`{name, labels}`), `now` (RFC 3339) and, for a group's delivery, `events` (every event of
// the group, oldest first; `event` is then the first of them), and `secrets` by reference
// (see secret-references.ts).
import type { RuleSpec } from "../config/types.js";
import type { CloudEvent } from "../core/event.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import type { TemplateContext } from "../expr/index.js";
import { secretTokens } from "./secret-references.js";

/** A CloudEvent as a plain JSON object (absent attributes left out). */
export function eventJson(event: CloudEvent): JsonObject {
  return Object.fromEntries(Object.entries(event).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined));
}

/** The context for one event's match, or (with `group`) for a group's delivery. */
export function templateContext(rule: RuleSpec, events: readonly CloudEvent[], now: number, group: boolean): TemplateContext {
  const first = events[0];
  const event = first === undefined ? {} : eventJson(first);
  const context: Record<string, JsonValue> = {
    event,
    data: event.data ?? null,
    rule: { name: rule.name, labels: rule.labels },
    now: formatRfc3339(now),
    secrets: secretTokens(rule.targets),
  };
  if (group) context.events = events.map(eventJson);
  return context;
}
