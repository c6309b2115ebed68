// The fleet in five numbers above the list — how many instances, healthy, faulty, changing
// state, stopped — so a glance says whether anything is wrong; each number filters the list.
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { healthOf } from "./instance-state";
import type { SimInstance } from "./types";

const CARDS: readonly { health: string; label: string; tone: string }[] = [
  { health: "", label: "instances", tone: "neutral" },
  { health: "healthy", label: "healthy", tone: "ok" },
  { health: "faulty", label: "faulty", tone: "bad" },
  { health: "moving", label: "changing state", tone: "busy" },
  { health: "down", label: "stopped", tone: "idle" },
];

/** The counts strip; `active` is the health filter in force. */
export function FleetSummary({ items, active }: { items: readonly SimInstance[]; active: string }): ReactNode {
  const counts = new Map<string, number>([["", items.length]]);
  for (const i of items) {
    const h = healthOf(i);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return (
    <div className="fleet-summary" data-testid="fleet-summary">
      {CARDS.map((c) => {
        const n = counts.get(c.health) ?? 0;
        const on = active === c.health;
        return (
          <button
            key={c.label}
            type="button"
            className={`fleet-summary__card fleet-summary__card--${c.tone}${on ? " is-on" : ""}${n === 0 && c.health !== "" ? " is-zero" : ""}`}
            aria-pressed={on}
            onClick={() => setQuery({ health: on ? undefined : c.health, page: undefined })}
            data-testid={`fleet-summary-${c.health === "" ? "all" : c.health}`}
          >
            <span className="fleet-summary__n">{n}</span>
            <span className="fleet-summary__label">{c.label}</span>
          </button>
        );
      })}
    </div>
  );
}
