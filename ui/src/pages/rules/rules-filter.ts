// The rules list's filters, read from and written to the URL (`/rules?q=&origin=&state=&bus=&page=`)
// so a filtered list is a link; and the filtering itself, done here because the API answers
// every rule in one list.
import { useQuery } from "../../app/query-state";
import { isFileOrigin } from "./origin-text";
import { targetSummary } from "./target-chips";
import type { RuleView } from "./types";

/** Rows per page of the list. */
export const PAGE_SIZE = 50;

/** The filters as the URL holds them. */
export interface RulesFilter {
  q: string;
  /** "", "file" or "api". */
  origin: string;
  /** "", "enabled" or "disabled". */
  state: string;
  bus: string;
  /** 1-based. */
  page: number;
}

/** The filters of the current URL. */
export function useRulesFilter(): RulesFilter {
  const query = useQuery();
  const page = Number.parseInt(query.page ?? "1", 10);
  return { q: query.q ?? "", origin: query.origin ?? "", state: query.state ?? "", bus: query.bus ?? "", page: Number.isFinite(page) && page > 0 ? page : 1 };
}

/** The text a search looks through for one rule. */
function haystack(rule: RuleView): string {
  const targets = rule.targets.map((t) => `${t.name} ${t.type} ${targetSummary(t)}`).join(" ");
  const labels = Object.entries(rule.labels).map(([k, v]) => `${k}=${v}`).join(" ");
  return `${rule.name} ${rule.description ?? ""} ${rule.bus} ${targets} ${labels} ${JSON.stringify(rule.pattern)}`.toLowerCase();
}

/** The rules that pass the filter, by name. Every word of `q` must appear. */
export function filterRules(rules: readonly RuleView[], filter: RulesFilter): RuleView[] {
  const words = filter.q.toLowerCase().split(/\s+/).filter((w) => w !== "");
  return rules
    .filter((r) => {
      if (filter.origin === "file" && !isFileOrigin(r.origin)) return false;
      if (filter.origin === "api" && isFileOrigin(r.origin)) return false;
      if (filter.state === "enabled" && !r.enabled) return false;
      if (filter.state === "disabled" && r.enabled) return false;
      if (filter.bus !== "" && r.bus !== filter.bus) return false;
      if (words.length === 0) return true;
      const text = haystack(r);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** True when any filter is set (the empty state then offers to clear them). */
export function isFiltered(filter: RulesFilter): boolean {
  return filter.q !== "" || filter.origin !== "" || filter.state !== "" || filter.bus !== "";
}
