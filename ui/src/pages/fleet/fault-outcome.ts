// A fault's end in one word and one sentence: still active, cleared (by what, after how long),
// or failed (why). The history list and its filter read the same answer.
import { formatDuration } from "../../components";
import type { StatusTone } from "../../components";
import type { SimFault } from "./types";

/** The three ways a fault stands. */
export type FaultOutcome = "active" | "cleared" | "failed";

/** Every outcome, for the filter. */
export const FAULT_OUTCOMES: readonly FaultOutcome[] = ["active", "cleared", "failed"];

/** How `fault` stands. */
export function outcomeOf(fault: SimFault): FaultOutcome {
  if (fault.failedAt !== undefined) return "failed";
  if (fault.clearedAt !== undefined) return "cleared";
  return "active";
}

/** The badge tone of an outcome. */
export const OUTCOME_TONE: Readonly<Record<FaultOutcome, StatusTone>> = { active: "warn", cleared: "ok", failed: "bad" };

/** "cleared after 32.1 s by process restarted by inv-…", "failed after 5 min: …", "active for 12 s". */
export function outcomeText(fault: SimFault, now: number): string {
  const since = Date.parse(fault.injectedAt);
  switch (outcomeOf(fault)) {
    case "failed":
      return `failed after ${formatDuration(Date.parse(fault.failedAt ?? "") - since)}${fault.failure === undefined ? "" : `: ${fault.failure}`}`;
    case "cleared":
      return `cleared after ${formatDuration(Date.parse(fault.clearedAt ?? "") - since)}${fault.clearedBy === undefined ? "" : ` — ${fault.clearedBy}`}`;
    case "active":
      return `active for ${formatDuration(Math.max(0, now - since))}`;
  }
}
