// `rules.flush-group`: delivers a group once its wait has ended (or it filled up). It closes
// the group if it is still open, so later events start a new one, then renders each target
// once for all the group's events (`events` in the template context) and creates the
// deliveries. Both flush jobs of a full group (the wait's and the full one's) may run: the
// deliveries are keyed by the group, so the second creates nothing.
import { isJsonObject } from "../core/json.js";
import type { JsonValue } from "../core/json.js";
import type { JobHandler } from "../queue/job-handler.js";
import { PermanentJobError } from "../queue/permanent-job-error.js";
import { findEventsBySeq } from "../store/event-repository.js";
import { membersOfGroup } from "../store/rule-match-repository.js";
import { dropState, lockState } from "../store/rule-state-repository.js";
import type { FlushPayload } from "./apply-gates.js";
import { createDeliveries } from "./create-deliveries.js";
import type { DispatchDeps } from "./dispatch-handler.js";
import { groupOf } from "./job-keys.js";
import { renderTargets } from "./render-targets.js";
import { writeTransaction } from "../store/write-transaction.js";

function parseFlushPayload(payload: JsonValue): FlushPayload {
  if (isJsonObject(payload) && typeof payload.rule === "string" && typeof payload.key === "string" && typeof payload.groupId === "string") {
    return { rule: payload.rule, key: payload.key, groupId: payload.groupId };
  }
  throw new PermanentJobError(`a ${JSON.stringify(payload).slice(0, 200)} payload is not a group flush: it needs rule, key and groupId (strings)`);
}

/** The `rules.flush-group` handler; returns how many deliveries it created. */
export function flushGroupHandler(deps: Omit<DispatchDeps, "observer">): JobHandler {
  return async (job) => {
    const { rule: name, key, groupId } = parseFlushPayload(job.payload);
    const rule = deps.registry.get(name);
    const now = deps.clock.now();
    await writeTransaction(deps.store, async (db) => {
      const at = { rule: name, kind: "group", key };
      const open = await lockState(db, at, now, deps.store.dialect.supportsSkipLocked);
      // Close it if it is this group (or nothing: lockState made a placeholder row); a newer group stays open.
      if (open === null || (isJsonObject(open) && open.id === groupId)) await dropState(db, at);
    });
    const members = await membersOfGroup(deps.store.db, groupId);
    if (!rule) {
      throw new PermanentJobError(`rule '${name}' no longer exists; its group ${groupId} of ${members.length} event(s) was not delivered`);
    }
    const stored = await findEventsBySeq(deps.store.db, members.map((m) => Number(m.event_seq)));
    const first = stored[0];
    if (!first) return { created: 0 };
    const plans = await renderTargets(rule, { events: stored.map((e) => e.event), group: true, now, channels: deps.channels(), brokerSources: deps.brokerSources() });
    // A group replayed alone carries its replay's id; a mix of live and replayed events none.
    const replayId = new Set(members.map((m) => m.replay_id)).size === 1 ? (members[0]?.replay_id ?? null) : null;
    const created = await writeTransaction(deps.store, (db) =>
      createDeliveries(db, deps.store.dialect.supportsSkipLocked, plans, { rule: name, keyBase: groupOf(groupId), event: first, eventSeqs: stored.map((e) => e.seq), replayId, groupId }, now),
    );
    if (created.length > 0) deps.created();
    return { created: created.length };
  };
}
