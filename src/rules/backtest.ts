// Backtest: which stored events of a time window a rule would have matched, and what each of
// its targets would have been sent for them — delivering nothing, recording nothing. Throttle,
// dedupe and group are not simulated: every match is shown as if it passed them. The events
// are walked oldest first; the answer lists at most `maxItems` matches (totals count them all)
// and stops after `maxScanned` events, saying so.
import type { BrokerSourceSpec, ChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import { compilePattern } from "../patterns/index.js";
import { scanEvents } from "../store/event-repository.js";
import type { Store } from "../store/open-store.js";
import type { CompiledRule } from "./compiled-rule.js";
import { redactRequest } from "./delivery-request.js";
import { renderTargets } from "./render-targets.js";

/** Bounds on one backtest. */
export interface BacktestLimits {
  /** Matches listed with their rendered inputs. */
  maxItems: number;
  /** Events examined before the backtest stops. */
  maxScanned: number;
}

export const DEFAULT_BACKTEST_LIMITS: Readonly<BacktestLimits> = Object.freeze({ maxItems: 100, maxScanned: 100_000 });

const CHUNK = 500;

/** Backtests `rule` over its bus's events with event time in [fromMs, toMs). */
export async function backtest(
  store: Store,
  rule: CompiledRule,
  window: { fromMs: number; toMs: number; now: number; channels: ReadonlyMap<string, ChannelSpec>; brokerSources: ReadonlyMap<string, BrokerSourceSpec> },
  limits: BacktestLimits = DEFAULT_BACKTEST_LIMITS,
): Promise<JsonObject> {
  const pattern = compilePattern(rule.spec.pattern, { dialect: rule.spec.patternDialect });
  const items: JsonObject[] = [];
  let scanned = 0;
  let matched = 0;
  let afterSeq = 0;
  let complete = false;
  while (scanned < limits.maxScanned) {
    const requested = Math.min(CHUNK, limits.maxScanned - scanned);
    const events = await scanEvents(store.db, { bus: rule.spec.bus, fromMs: window.fromMs, toMs: window.toMs, afterSeq }, requested);
    for (const stored of events) {
      scanned += 1;
      afterSeq = stored.seq;
      if (!pattern.matches(stored.event)) continue;
      matched += 1;
      if (items.length >= limits.maxItems) continue;
      const plans = await renderTargets(rule, { events: [stored.event], group: false, now: window.now, channels: window.channels, brokerSources: window.brokerSources });
      const { id, source, type, subject, time } = stored.event;
      items.push({
        event: { seq: stored.seq, id, source, type, subject: subject ?? null, time: time ?? null },
        targets: plans.map((p): JsonObject => {
          const target = { name: p.target.spec.name, type: p.target.spec.type };
          return p.request ? { ...target, request: redactRequest(p.request) } : { ...target, error: p.error, pointer: p.pointer };
        }),
      });
    }
    if (events.length < requested) {
      complete = true;
      break;
    }
  }
  return {
    rule: rule.spec.name,
    bus: rule.spec.bus,
    from: formatRfc3339(window.fromMs),
    to: formatRfc3339(window.toMs),
    scanned,
    matched,
    complete,
    truncated: matched > items.length,
    items,
  };
}
