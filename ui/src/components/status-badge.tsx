// One colour language for states across the console: green is done well, red failed, amber
// needs a person or is waiting, blue is moving, grey is idle or stopped. Unknown states are grey.
import type { ReactNode } from "react";

/** The colour families a status can take. */
export type StatusTone = "ok" | "bad" | "warn" | "busy" | "idle";

const TONES: Readonly<Record<string, StatusTone>> = {
  succeeded: "ok", success: "ok", ok: "ok", done: "ok", delivered: "ok", healthy: "ok", running_ok: "ok", approved: "ok", ready: "ok", enabled: "ok", passed: "ok", accepted: "ok", matched: "ok", healed: "ok", up: "ok", completed: "ok",
  failed: "bad", failure: "bad", error: "bad", dead: "bad", dead_letter: "bad", rejected: "bad", timed_out: "bad", timeout: "bad", unhealthy: "bad", down: "bad", unreachable: "bad", crashed: "bad",
  waiting: "warn", pending: "warn", paused: "warn", throttled: "warn", retrying: "warn", degraded: "warn", awaiting_approval: "warn", deduplicated: "warn", duplicate: "warn", expired: "warn", open: "warn",
  running: "busy", scheduled: "busy", queued: "busy", starting: "busy", delivering: "busy", canceling: "busy", injecting: "busy", healing: "busy", active: "busy",
  canceled: "idle", cancelled: "idle", skipped: "idle", disabled: "idle", stopped: "idle", idle: "idle", unknown: "idle", noop: "idle",
};

/** The tone of a status string (case-insensitive; unknown → idle). */
export function toneOf(status: string): StatusTone {
  return TONES[status.toLowerCase().replace(/[\s-]+/g, "_")] ?? "idle";
}

/** Props of `<StatusBadge>`. */
export interface StatusBadgeProps {
  status: string;
  /** Overrides the tone worked out from the status. */
  tone?: StatusTone;
  /** Text shown instead of the status itself. */
  label?: ReactNode;
  testId?: string;
}

/** A small coloured pill naming a state. */
export function StatusBadge({ status, tone, label, testId }: StatusBadgeProps): ReactNode {
  const t = tone ?? toneOf(status);
  return (
    <span className={`badge badge--${t}`} data-status={status} data-testid={testId}>
      <span className="badge__dot" aria-hidden="true" />
      {label ?? status.replace(/_/g, " ")}
    </span>
  );
}
