// The rules list's search box and filters. Every change goes to the URL (and back to page 1);
// `/` anywhere on the page jumps to the search box, Escape in it clears it.
import { useEffect, useRef } from "react";
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { isFiltered } from "./rules-filter";
import type { RulesFilter } from "./rules-filter";

/** Props of `<RulesToolbar>`. */
export interface RulesToolbarProps {
  filter: RulesFilter;
  /** The buses the rules use (the bus filter shows when there is more than one). */
  buses: readonly string[];
}

/** Search and filters above the list. */
export function RulesToolbar({ filter, buses }: RulesToolbarProps): ReactNode {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      event.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const set = (changes: Partial<Record<"q" | "origin" | "state" | "bus", string>>): void => setQuery({ ...changes, page: undefined });
  return (
    <div className="rules-toolbar" role="search">
      <input
        ref={search}
        className="input rules-toolbar__search"
        type="search"
        placeholder="Search name, description, target, pattern…  ( / )"
        aria-label="Search rules"
        value={filter.q}
        onChange={(e) => set({ q: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === "Escape" && filter.q !== "") {
            e.preventDefault();
            set({ q: undefined });
          }
        }}
        data-testid="rules-search"
      />
      <select className="select" aria-label="Origin" value={filter.origin} onChange={(e) => set({ origin: e.target.value })} data-testid="rules-filter-origin">
        <option value="">Any origin</option>
        <option value="file">Config files</option>
        <option value="api">API</option>
      </select>
      <select className="select" aria-label="State" value={filter.state} onChange={(e) => set({ state: e.target.value })} data-testid="rules-filter-state">
        <option value="">Enabled or not</option>
        <option value="enabled">Enabled</option>
        <option value="disabled">Disabled</option>
      </select>
      {(buses.length > 1 || filter.bus !== "") && (
        <select className="select" aria-label="Bus" value={filter.bus} onChange={(e) => set({ bus: e.target.value })} data-testid="rules-filter-bus">
          <option value="">Any bus</option>
          {[...new Set([...buses, ...(filter.bus === "" ? [] : [filter.bus])])].map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      )}
      {isFiltered(filter) && (
        <button type="button" className="button button--ghost" onClick={() => setQuery({ q: undefined, origin: undefined, state: undefined, bus: undefined, page: undefined })} data-testid="rules-filter-clear">
          Clear
        </button>
      )}
    </div>
  );
}
