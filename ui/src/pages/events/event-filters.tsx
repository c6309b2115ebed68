// The search form of the Events page: free text, source, type, subject, bus, a time range and
// the pattern box. What is typed is a draft until Enter or Search puts it in the URL (one
// history entry per search, so Back returns to the previous one); the URL fills the form
// again when it changes (Back, a shared link).
import { useEffect, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { FILTER_KEYS, filtersKey, hasFilters } from "./event-query";
import type { EventFilters, FilterKey } from "./event-query";
import { PatternBox } from "./pattern-box";
import { usePatternCheck } from "./use-pattern-check";

/** Props of `<EventFilters>`. */
export interface EventFiltersProps {
  /** The filters in the URL. */
  filters: EventFilters;
  /** Runs a search with these filters. */
  onSearch: (filters: EventFilters) => void;
  /** Bus names to suggest. */
  buses: readonly string[];
}

const FIELDS: readonly { key: FilterKey; label: string; placeholder: string; list?: string; wide?: boolean }[] = [
  { key: "q", label: "Search", placeholder: "free text: source, type, subject, data…   ( / )", wide: true },
  { key: "source", label: "Source", placeholder: "exact source" },
  { key: "type", label: "Type", placeholder: "exact type" },
  { key: "subject", label: "Subject", placeholder: "exact subject" },
  { key: "bus", label: "Bus", placeholder: "all buses", list: "events-bus-list" },
  { key: "from", label: "From", placeholder: "15m, 7d or a time", list: "events-time-presets" },
  { key: "to", label: "To", placeholder: "now", list: "events-time-presets" },
];

const TIME_PRESETS = ["5m", "15m", "1h", "6h", "24h", "7d", "30d"];

/** The filter form. */
export function EventFilterForm({ filters, onSearch, buses }: EventFiltersProps): ReactNode {
  const [draft, setDraft] = useState<EventFilters>(filters);
  const [patternOpen, setPatternOpen] = useState(filters.pattern !== undefined);
  const applied = filtersKey(filters);
  const search = useRef<HTMLInputElement | null>(null);

  // The URL changed (Back, a link, Clear): show what it holds.
  useEffect(() => {
    setDraft(filters);
    if (filters.pattern !== undefined) setPatternOpen(true);
    // `applied` names the filters; the object itself is new on every render.
  }, [applied]);

  // "/" anywhere outside a field jumps to the free-text search, as in most consoles.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.closest("input, textarea, select, [contenteditable=true]") !== null)) return;
      event.preventDefault();
      search.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const check = usePatternCheck(draft.pattern ?? "", draft.dialect);
  const set = (key: FilterKey, value: string | undefined): void => setDraft((d) => ({ ...d, [key]: value === "" ? undefined : value }));
  const dirty = filtersKey(clean(draft)) !== applied;
  const blocked = check.state === "invalid";

  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (blocked) return;
    onSearch(clean(draft));
  };

  return (
    <form className="events-filters card" onSubmit={submit} data-testid="events-filters" role="search">
      <div className="events-filters__grid">
        {FIELDS.map((f) => (
          <label key={f.key} className={f.wide === true ? "events-field events-field--wide" : "events-field"}>
            <span className="events-field__label">{f.label}</span>
            <input
              ref={f.key === "q" ? search : undefined}
              className="input"
              type={f.key === "q" ? "search" : "text"}
              value={draft[f.key] ?? ""}
              onChange={(e) => set(f.key, e.target.value)}
              placeholder={f.placeholder}
              list={f.list}
              spellCheck={false}
              autoComplete="off"
              data-testid={`events-filter-${f.key}`}
            />
          </label>
        ))}
        <div className="events-filters__actions">
          <button
            type="button"
            className="button button--ghost"
            aria-expanded={patternOpen}
            onClick={() => {
              if (patternOpen) setDraft((d) => ({ ...d, pattern: undefined, dialect: undefined }));
              setPatternOpen(!patternOpen);
            }}
            data-testid="events-pattern-toggle"
          >
            {patternOpen ? "− Pattern" : "+ Pattern"}
          </button>
          <span className="events-filters__spacer" />
          {hasFilters(filters) && (
            <button type="button" className="button button--ghost" onClick={() => onSearch({})} data-testid="events-clear">
              Clear
            </button>
          )}
          <button type="submit" className={dirty ? "button button--primary" : "button"} disabled={blocked} data-testid="events-search" title={dirty ? "The filters changed: press Enter or click to search" : "Search again"}>
            Search
          </button>
        </div>
      </div>
      {patternOpen && (
        <PatternBox text={draft.pattern ?? ""} onText={(t) => set("pattern", t)} dialect={draft.dialect} onDialect={(d) => set("dialect", d)} check={check} onSubmit={() => submit()} />
      )}
      <datalist id="events-time-presets">
        {TIME_PRESETS.map((p) => (
          <option key={p} value={p}>{`${p} ago`}</option>
        ))}
      </datalist>
      <datalist id="events-bus-list">
        {buses.map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
    </form>
  );
}

/** The draft without empty values (and without a dialect when there is no pattern). */
function clean(draft: EventFilters): EventFilters {
  const out: EventFilters = {};
  for (const key of FILTER_KEYS) {
    const value = draft[key]?.trim();
    if (value !== undefined && value !== "") out[key] = key === "pattern" ? (draft.pattern ?? "").trim() : value;
  }
  if (out.pattern === undefined) delete out.dialect;
  return out;
}
