// A clock for durations that must tick while something runs ("running for 12.4 s"): re-renders
// the caller every `ms` while `enabled`, and not at all otherwise (the shared `useNow` of the
// components ticks every 15 s, too slow for a running task).
import { useEffect, useState } from "react";

/** The current time, refreshed every `ms` while `enabled`. */
export function useTicker(ms: number, enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms, enabled]);
  return enabled ? now : Date.now();
}
