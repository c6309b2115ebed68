// What becomes of one rule's match of one event — the heart of dispatch. The key templates
// and the targets are rendered first (outside any transaction); then one write transaction
// claims the match record (a dispatch that runs again stops here), passes the event through
// dedupe, throttle and group, in that order, and either records why it stopped or creates the
// deliveries. So state, record and deliveries commit together or not at all.
import type { BrokerSourceSpec, ChannelSpec } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import type { StoredEvent } from "../core/event.js";
import { newId } from "../core/ids.js";
import type { JsonValue } from "../core/json.js";
import { TemplateError } from "../expr/index.js";
import type { CompiledTemplate, TemplateContext } from "../expr/index.js";
import type { Store } from "../store/open-store.js";
import { claimMatch, settleMatch } from "../store/rule-match-repository.js";
import { passGates } from "./apply-gates.js";
import type { GateKeys } from "./apply-gates.js";
import type { CompiledRule } from "./compiled-rule.js";
import { createDeliveries } from "./create-deliveries.js";
import type { CreatedDelivery } from "./create-deliveries.js";
import { matchKey } from "./job-keys.js";
import { renderTargets } from "./render-targets.js";
import type { DeliveryPlan } from "./render-targets.js";
import { templateContext } from "./template-context.js";
import { writeTransaction } from "../store/write-transaction.js";

/** Every outcome of a match; compared as a set, never by order. */
export type MatchStatus = "delivered" | "throttled" | "deduplicated" | "grouped" | "rule-missing" | "failed";

/** What applying a match did; null when an earlier run had recorded it already. */
export interface MatchOutcome {
  status: MatchStatus;
  deliveries: CreatedDelivery[];
}

/** What applying a match needs. */
export interface MatchDeps {
  store: Store;
  clock: Clock;
  channels(): ReadonlyMap<string, ChannelSpec>;
  /** Broker sources a `queue` target may name. */
  brokerSources(): ReadonlyMap<string, BrokerSourceSpec>;
}

/** Applies `rule` (undefined: it no longer exists) to a stored event, once. */
export async function applyMatch(deps: MatchDeps, ruleName: string, rule: CompiledRule | undefined, event: StoredEvent, replayId: string | null): Promise<MatchOutcome | null> {
  const now = deps.clock.now();
  const ref = { bus: event.bus, source: event.event.source, id: event.event.id };
  const record = {
    id: newId(now),
    match_key: matchKey(ref, ruleName, replayId),
    bus: event.bus,
    source: ref.source,
    event_id: ref.id,
    event_seq: event.seq,
    rule: ruleName,
    // Settled before the transaction commits; nobody sees this value.
    status: "failed",
    key: null,
    replay_id: replayId,
    group_id: null,
    error: null,
    error_pointer: null,
    created_ms: now,
  };
  /** Records a match that creates nothing (the rule is gone, or a key template failed). */
  const settle = (status: MatchStatus, failure: { error: string; pointer?: string }) =>
    writeTransaction(deps.store, async (db): Promise<MatchOutcome | null> => {
      if (!(await claimMatch(db, record))) return null;
      await settleMatch(db, record.id, { status, key: null, group_id: null, error: failure.error, error_pointer: failure.pointer ?? null });
      return { status, deliveries: [] };
    });

  if (!rule) return settle("rule-missing", { error: `rule '${ruleName}' no longer exists; it was removed or renamed after the event matched it` });

  const context = templateContext(rule.spec, [event.event], now, false);
  let keys: GateKeys;
  try {
    keys = await renderKeys(rule, context);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    return settle("failed", { error: err.message, pointer: err.pointer });
  }
  // A grouped match is rendered when its group is delivered, with every event of the group.
  const plans: DeliveryPlan[] = rule.spec.group ? [] : await renderTargets(rule, { events: [event.event], group: false, now, channels: deps.channels(), brokerSources: deps.brokerSources() });

  return writeTransaction(deps.store, async (db): Promise<MatchOutcome | null> => {
    if (!(await claimMatch(db, record))) return null;
    const gate = await passGates(db, deps.store.dialect.supportsSkipLocked, rule, keys, now);
    if (gate.status !== "pass") {
      await settleMatch(db, record.id, { status: gate.status, key: gate.key, group_id: gate.groupId ?? null, error: null, error_pointer: null });
      return { status: gate.status, deliveries: [] };
    }
    const deliveries = await createDeliveries(
      db,
      deps.store.dialect.supportsSkipLocked,
      plans,
      { rule: ruleName, keyBase: record.match_key, event, eventSeqs: [event.seq], replayId, groupId: null },
      now,
    );
    await settleMatch(db, record.id, { status: "delivered", key: keys.throttle ?? keys.dedupe ?? null, group_id: null, error: null, error_pointer: null });
    return { status: "delivered", deliveries };
  });
}

async function renderKeys(rule: CompiledRule, context: TemplateContext): Promise<GateKeys> {
  const keys: GateKeys = {};
  if (rule.keys.dedupe) keys.dedupe = await renderKey(rule.keys.dedupe, context);
  if (rule.keys.throttle) keys.throttle = await renderKey(rule.keys.throttle, context);
  if (rule.keys.group) keys.group = await renderKey(rule.keys.group, context);
  return keys;
}

async function renderKey(template: CompiledTemplate, context: TemplateContext): Promise<string> {
  const value: JsonValue = await template.render(context);
  return typeof value === "string" ? value : JSON.stringify(value);
}
