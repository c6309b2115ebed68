// The live tail switch of the Events page and what it is doing: off, following (with how many
// events arrived), or failing to reach the server.
import type { ReactNode } from "react";
import { formatAgo, useNow } from "../../components";
import type { LiveTail } from "./use-live-tail";

/** Props of `<LiveToggle>`. */
export interface LiveToggleProps {
  on: boolean;
  onChange: (on: boolean) => void;
  tail: LiveTail;
}

/** A pressed/unpressed button and the tail's state beside it. */
export function LiveToggle({ on, onChange, tail }: LiveToggleProps): ReactNode {
  const now = useNow();
  return (
    <span className="events-live">
      {on && (
        <span className={tail.error === undefined ? "events-live__state" : "events-live__state is-failing"} data-testid="events-live-state" title={tail.error?.message}>
          {tail.error !== undefined ? "Cannot reach the server; retrying" : `${tail.items.length} new${tail.lastPoll === null ? "" : ` · checked ${formatAgo(tail.lastPoll, Math.max(now, tail.lastPoll))}`}`}
        </span>
      )}
      <button
        type="button"
        className={on ? "button events-live__button is-on" : "button events-live__button"}
        aria-pressed={on}
        onClick={() => onChange(!on)}
        title={on ? "Stop following new events" : "Follow new events as they arrive (every 2 s)"}
        data-testid="events-live-toggle"
      >
        <span className="events-live__dot" aria-hidden="true" />
        {on ? "Live" : "Live tail"}
      </button>
    </span>
  );
}
