// When an approval runs out and what happens then ("in 12 min, at 10:07 — then rejected"),
// amber under 10 minutes and red under 2, so the one about to lapse stands out in the inbox.
import type { ReactNode } from "react";
import { TimeAgo, useNow } from "../../components";
import type { Approval } from "./types";

/** How urgent a pending approval is: `late` under 2 min left, `soon` under 10, else `calm`. */
export function urgencyOf(approval: Approval, now: number): "late" | "soon" | "calm" {
  if (approval.status !== "pending" || approval.expiresAt === null) return "calm";
  const left = Date.parse(approval.expiresAt) - now;
  return left < 2 * 60_000 ? "late" : left < 10 * 60_000 ? "soon" : "calm";
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The expiry line of an approval; `short` for list rows. */
export function ExpiryText({ approval, short = false }: { approval: Approval; short?: boolean }): ReactNode {
  const now = useNow();
  if (approval.expiresAt === null) return <span className="muted">{approval.status === "pending" && !short ? "no time limit: it waits until someone answers" : "no time limit"}</span>;
  const urgency = urgencyOf(approval, now);
  const then = approval.defaultDecision === "approve" ? "approved" : "rejected";
  if (approval.status !== "pending") return <span>{new Date(approval.expiresAt).toLocaleString()}</span>;
  return (
    <span className={`expiry expiry--${urgency}`} data-urgency={urgency}>
      <TimeAgo time={approval.expiresAt} />
      {!short && (
        <>
          , at {clock(approval.expiresAt)} <span className="muted">— then it is {then} automatically</span>
        </>
      )}
      {short && <span className="muted"> → {then}</span>}
    </span>
  );
}
