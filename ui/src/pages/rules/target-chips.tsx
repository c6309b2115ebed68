// A rule's targets at a glance: one chip per target, its type and what it points at (the
// workflow, channel, function, queue source or URL host), so the list answers "what does this
// rule do" without opening it.
import type { ReactNode } from "react";
import type { TargetView } from "./types";

/** What a target points at, in a few characters. */
export function targetSummary(target: TargetView): string {
  const text = (field: string): string | undefined => (typeof target[field] === "string" ? (target[field] as string) : undefined);
  switch (target.type) {
    case "workflow":
      return text("workflow") ?? target.name;
    case "notify":
      return text("channel") ?? target.name;
    case "function":
      return text("function") ?? target.name;
    case "queue":
      return text("source") ?? target.name;
    case "http": {
      const url = text("url") ?? "";
      const host = /^[a-z]+:\/\/([^/?#{]+)/i.exec(url);
      return host?.[1] ?? target.name;
    }
    default:
      return target.name;
  }
}

/** The targets as chips; at most `max`, then "+N". */
export function TargetChips({ targets, max = 3 }: { targets: readonly TargetView[]; max?: number }): ReactNode {
  const shown = targets.slice(0, max);
  return (
    <span className="rule-targets">
      {shown.map((t) => (
        <span key={t.name} className="rule-chip" title={`${t.name}: ${t.type} → ${targetSummary(t)}`} data-target-type={t.type}>
          <span className="rule-chip__type">{t.type}</span>
          <span className="rule-chip__what">{targetSummary(t)}</span>
        </span>
      ))}
      {targets.length > max && <span className="muted">+{targets.length - max}</span>}
    </span>
  );
}
