// The window picker of the Overview: one button per window, the chosen one pressed. The
// choice lives in the URL (`?window=6h`), so a link shows the same window.
import type { ReactNode } from "react";
import { WINDOWS } from "./windows";

/** A segmented control choosing the Overview's window. */
export function WindowPicker({ value, onChange }: { value: string; onChange: (value: string) => void }): ReactNode {
  return (
    <div className="overview-window" role="group" aria-label="Time window" data-testid="overview-window">
      {WINDOWS.map((w) => (
        <button
          key={w.value}
          type="button"
          className={w.value === value ? "overview-window__item is-active" : "overview-window__item"}
          aria-pressed={w.value === value}
          onClick={() => onChange(w.value)}
          data-testid={`overview-window-${w.value}`}
          title={`Show the last ${w.label.replace(" ", "")}`}
        >
          {w.label}
        </button>
      ))}
    </div>
  );
}
