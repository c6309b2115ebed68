// The row of numbers at the top of the Overview: what happened in the window and what is true
// now, each a link to the list behind it (failed executions → /executions?status=failed), and
// coloured when it asks for attention (red failures, amber waiting, blue running).
import type { ReactNode } from "react";
import { Link } from "../../app/router";
import { formatDuration } from "../../components";
import type { StatusTone } from "../../components";
import { formatCount } from "./chart-scale";
import type { StatsOverview } from "./types";
import type { OverviewWindow } from "./windows";

interface Card {
  key: string;
  label: string;
  value: string;
  note: string;
  href?: string;
  /** Colour when it needs attention; undefined: calm. */
  tone?: StatusTone;
}

function cardsOf(d: StatsOverview, win: OverviewWindow): Card[] {
  const { totals, current } = d;
  const minutes = (d.buckets.length * d.bucketMs) / 60_000;
  const attention = (n: number, tone: StatusTone): StatusTone | undefined => (n > 0 ? tone : undefined);
  return [
    { key: "events", label: "Events", value: formatCount(totals.events), note: `${formatCount(minutes > 0 ? totals.events / minutes : 0)} per minute on average`, href: `/events?from=${win.value}` },
    { key: "matches", label: "Rule matches", value: formatCount(totals.ruleMatches), note: "events matched by a rule", href: "/rules" },
    {
      key: "deliveries-failed",
      label: "Failing deliveries",
      value: formatCount(totals.deliveriesFailed),
      note: `failed attempts; ${formatCount(totals.deliveriesDead)} went dead`,
      href: "/dead-letters",
      tone: attention(totals.deliveriesFailed, "warn"),
    },
    { key: "running", label: "Running executions", value: formatCount(current.executionsRunning), note: "under way now", href: "/executions?status=running", tone: attention(current.executionsRunning, "busy") },
    { key: "failed", label: "Failed executions", value: formatCount(current.executionsFailed), note: "failed or timed out", href: "/executions?status=failed", tone: attention(current.executionsFailed, "bad") },
    { key: "approvals", label: "Approvals waiting", value: formatCount(current.approvalsWaiting), note: "for a person now", href: "/approvals", tone: attention(current.approvalsWaiting, "warn") },
    { key: "dead-letters", label: "Dead letters", value: formatCount(current.deadLetters), note: "deliveries to re-drive", href: "/dead-letters", tone: attention(current.deadLetters, "bad") },
    {
      key: "mttr",
      label: "Time to repair",
      value: totals.mttrMs === null ? "—" : formatDuration(totals.mttrMs),
      note: totals.mttrCount === 0 ? "no repair in the window" : `mean of ${formatCount(totals.mttrCount)} ${totals.mttrCount === 1 ? "repair" : "repairs"}`,
    },
  ];
}

/** The Overview's numbers. */
export function StatCards({ data, win }: { data: StatsOverview; win: OverviewWindow }): ReactNode {
  return (
    <div className="overview-cards" data-testid="overview-cards">
      {cardsOf(data, win).map((c) => {
        const body = (
          <>
            <span className="overview-stat__label">{c.label}</span>
            <span className="overview-stat__value" data-testid={`overview-card-${c.key}-value`}>
              {c.value}
            </span>
            <span className="overview-stat__note">{c.note}</span>
          </>
        );
        const className = `card overview-stat${c.tone === undefined ? "" : ` overview-stat--${c.tone}`}`;
        return c.href === undefined ? (
          <div key={c.key} className={className} data-testid={`overview-card-${c.key}`}>
            {body}
          </div>
        ) : (
          <Link key={c.key} to={c.href} className={`${className} overview-stat--link`} data-testid={`overview-card-${c.key}`}>
            {body}
          </Link>
        );
      })}
    </div>
  );
}
