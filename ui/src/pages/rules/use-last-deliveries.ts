// "When did this rule last do something?" The rules API does not say (a rule view has no last
// match), so the list reads the newest deliveries in one bounded request and keeps the newest
// per rule. A rule with none among them shows a dash that says so; the detail page asks for its
// own rule's newest delivery instead (`deliveries?rule=…&limit=1`).
import { useMemo } from "react";
import { useApi } from "../../api/use-api";
import type { ApiState } from "../../api/use-api";
import type { DeliveryPage, DeliveryView } from "./types";

/** How many of the newest deliveries the list looks through. */
export const LAST_DELIVERY_SCAN = 200;

/** The newest delivery per rule among the newest LAST_DELIVERY_SCAN, and the request's state. */
export function useLastDeliveries(): { byRule: ReadonlyMap<string, DeliveryView>; state: ApiState<DeliveryPage> } {
  const state = useApi<DeliveryPage>("/api/v1/deliveries", { query: { limit: LAST_DELIVERY_SCAN }, pollMs: 60_000 });
  const byRule = useMemo(() => {
    const map = new Map<string, DeliveryView>();
    // Newest first: the first seen per rule is its latest.
    for (const d of state.data?.items ?? []) if (!map.has(d.rule)) map.set(d.rule, d);
    return map;
  }, [state.data]);
  return { byRule, state };
}
