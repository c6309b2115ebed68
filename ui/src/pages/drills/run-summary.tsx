// A run's verdict in numbers: MTTD, MTTR and the heal-time percentiles, how many instances got
// how far (injected → detected → remediation → healed), and each criterion passed or not, with
// what was seen. Updates in place while the run goes on.
import type { ReactNode } from "react";
import { StatusBadge } from "../../components";
import { msOrDash } from "./drill-format";
import type { DrillReport } from "./types";

/** The summary and criteria panels of a report. */
export function RunSummary({ report }: { report: DrillReport }): ReactNode {
  const s = report.summary;
  const running = report.finishedAt === null;
  const times: [string, string, string][] = [
    ["mttd", "MTTD", msOrDash(s.mttdMs)],
    ["mttr", "MTTR", msOrDash(s.mttrMs)],
    ["p50", "heal p50", msOrDash(s.p50HealMs)],
    ["p95", "heal p95", msOrDash(s.p95HealMs)],
    ["max", "heal max", msOrDash(s.maxHealMs)],
  ];
  const funnel: [string, number][] = [
    ["instances", s.instances],
    ["injected", s.injected],
    ["detected", s.detected],
    ["remediation started", s.remediated],
    ["healed", s.healed],
    ["failed", s.failed],
  ];
  return (
    <div className="drill-summary">
      <section className="card drill-summary__numbers" data-testid="drill-run-summary">
        <div className="drill-stats">
          {times.map(([key, label, value]) => (
            <div key={key} className="drill-stat" data-testid={`drill-run-${key}`}>
              <span className="drill-stat__value">{value}</span>
              <span className="drill-stat__label">{label}</span>
            </div>
          ))}
          <div className="drill-stat" data-testid="drill-run-met">
            <span className="drill-stat__value">{Number(s.metPercent.toFixed(1))}%</span>
            <span className="drill-stat__label">met the criteria</span>
          </div>
        </div>
        <div className="drill-funnel">
          {funnel.map(([label, n]) => (
            <div key={label} className={`drill-funnel__step${label === "failed" && n > 0 ? " is-bad" : ""}`}>
              <span className="drill-funnel__bar" style={{ width: `${s.instances === 0 ? 0 : Math.round((n / s.instances) * 100)}%` }} />
              <span className="drill-funnel__n">{n}</span>
              <span className="drill-funnel__label">{label}</span>
            </div>
          ))}
        </div>
      </section>
      <section className="card drill-criteria" data-testid="drill-run-criteria">
        <h2 className="card__title">Criteria{running && <span className="muted drill-criteria__sofar"> so far</span>}</h2>
        {report.criteria.results.length === 0 ? (
          <p className="muted">Judged when the run ends.</p>
        ) : (
          <ul>
            {report.criteria.results.map((c) => (
              <li key={c.criterion} data-testid="drill-run-criterion" data-criterion={c.criterion} data-passed={c.passed}>
                {c.passed ? <StatusBadge status="passed" tone="ok" /> : running ? <StatusBadge status="not_yet" tone="busy" label="not yet" /> : <StatusBadge status="failed" tone="bad" />}
                <span>
                  <strong>{c.criterion}</strong> <span className="mono">{c.required}</span>
                  <span className="drill-criteria__detail">{c.detail}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
