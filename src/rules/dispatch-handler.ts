// `rules.dispatch`: the job stored with an event that matched rules (the outbox), or enqueued
// for a replayed one. It loads the event and applies each matched rule in turn (see
// `apply-match.ts`); a rule already applied by an earlier run of the job is skipped, so a
// crash anywhere leaves nothing half done and nothing done twice.
import type { JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import type { JobHandler } from "../queue/job-handler.js";
import { PermanentJobError } from "../queue/permanent-job-error.js";
import { findEventsById } from "../store/event-repository.js";
import { applyMatch } from "./apply-match.js";
import type { MatchDeps } from "./apply-match.js";
import type { RuleObserver } from "./rule-observer.js";
import type { RuleRegistry } from "./rule-registry.js";

/** Payload of a `rules.dispatch` job. */
export interface DispatchPayload {
  bus: string;
  source: string;
  id: string;
  /** Names of the rules the event matched. */
  rules: string[];
  /** Set when the event is being replayed. */
  replayId?: string;
}

/** What the dispatch handler needs. */
export interface DispatchDeps extends MatchDeps {
  registry: RuleRegistry;
  observer: RuleObserver;
  /** Called when deliveries were created (e.g. to wake the local worker). */
  created(): void;
}

/** Reads a dispatch payload, or throws a PermanentJobError saying what is wrong with it. */
export function parseDispatchPayload(payload: JsonValue): DispatchPayload {
  if (
    isJsonObject(payload) &&
    typeof payload.bus === "string" &&
    typeof payload.source === "string" &&
    typeof payload.id === "string" &&
    Array.isArray(payload.rules) &&
    payload.rules.every((r) => typeof r === "string") &&
    (payload.replayId === undefined || typeof payload.replayId === "string")
  ) {
    const parsed: DispatchPayload = { bus: payload.bus, source: payload.source, id: payload.id, rules: payload.rules.filter((r) => typeof r === "string") };
    if (typeof payload.replayId === "string") parsed.replayId = payload.replayId;
    return parsed;
  }
  throw new PermanentJobError(`a ${JSON.stringify(payload).slice(0, 200)} payload is not a dispatch: it needs bus, source, id (strings) and rules (names)`);
}

/** The `rules.dispatch` handler; returns each rule's outcome. */
export function dispatchHandler(deps: DispatchDeps): JobHandler {
  return async (job) => {
    const payload = parseDispatchPayload(job.payload);
    const [event] = await findEventsById(deps.store.db, payload.id, { bus: payload.bus, source: payload.source });
    if (!event) {
      throw new PermanentJobError(`event ${payload.id} from ${payload.source} on bus ${payload.bus} is no longer stored (removed by retention?); its rule matches were not applied`);
    }
    const outcomes: Record<string, string> = {};
    let created = 0;
    for (const name of payload.rules) {
      const outcome = await applyMatch(deps, name, deps.registry.get(name), event, payload.replayId ?? null);
      outcomes[name] = outcome?.status ?? "recorded by an earlier run";
      if (!outcome) continue;
      deps.observer.matched(payload.bus, name, outcome.status);
      created += outcome.deliveries.length;
    }
    if (created > 0) deps.created();
    return outcomes;
  };
}
