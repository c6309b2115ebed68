// A drill report as one self-contained HTML page: the verdict, each criterion passed or not,
// the summary numbers (MTTD, MTTR, heal-time percentiles), the timeline chart (inline SVG),
// the instances table and the full timeline. Inline CSS only, no script, no external URL, so
// it can be mailed or archived; every text from the run is escaped.
import { escapeHtml } from "./html-escape.js";
import { formatMs } from "./format-ms.js";
import { timelineChart } from "./report-chart.js";
import type { DrillReport } from "./report-types.js";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.status{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600;color:#fff}
.passed{background:#1a7f37}.failed{background:#cf222e}.error{background:#9a6700}.running{background:#0969da}
table{border-collapse:collapse;margin:4px 0}td,th{border-bottom:1px solid #d8dee4;padding:3px 10px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#57606a}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}
.chart{max-width:100%;height:auto;font-size:10px}.chart .grid{stroke:#eaeef2}.chart .axis{fill:#57606a;text-anchor:middle}
.chart .label{fill:#1d2330;text-anchor:end}.chart .band{fill:#dafbe1;opacity:.6}
.chart .bar{stroke:#8c959f;stroke-width:2}.chart .bar.healed{stroke:#1a7f37}.chart .bar.failed,.chart .bar.unhealed{stroke:#cf222e}
.chart .inject{fill:#57606a}.chart .detect{fill:#0969da}.chart .remediate{fill:#bf8700}.chart .heal{fill:#1a7f37}.chart .fail{stroke:#cf222e;stroke-width:2}
.legend span{margin-right:14px}.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:4px;vertical-align:middle}
`;

/** The report as a complete HTML document. */
export function reportHtml(report: DrillReport): string {
  const e = escapeHtml;
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? "–" : formatMs(v));
  const s = report.summary;
  const criteria = report.criteria.results
    .map((c) => `<tr><td>${e(c.criterion)}</td><td>${e(c.required)}</td><td class="${c.passed ? "ok" : "bad"}">${c.passed ? "passed" : "failed"}</td><td>${e(c.detail)}</td></tr>`)
    .join("");
  const numbers: [string, string][] = [
    ["instances", String(s.instances)],
    ["injected", String(s.injected)],
    ["detected", String(s.detected)],
    ["remediation started", String(s.remediated)],
    ["healed", String(s.healed)],
    ["failed", String(s.failed)],
    ["met the criteria", `${Number(s.metPercent.toFixed(1))}%`],
    ["MTTD (mean time to detect)", ms(s.mttdMs)],
    ["MTTR (mean time to heal)", ms(s.mttrMs)],
    ["heal time p50", ms(s.p50HealMs)],
    ["heal time p95", ms(s.p95HealMs)],
    ["heal time max", ms(s.maxHealMs)],
  ];
  const instances = report.instances
    .map(
      (i) =>
        `<tr><td>${e(i.instanceId)}${i.name === undefined ? "" : `<br><span class="muted">${e(i.name)}</span>`}</td><td>${e(i.outcome)}</td><td class="num">${e(ms(i.ttdMs))}</td><td class="num">${e(ms(i.tthMs))}</td><td>${e(i.detectedBy ?? "")}</td><td>${e(i.healedBy ?? "")}</td><td>${i.reasons.map(e).join("<br>")}</td></tr>`,
    )
    .join("");
  const timeline = report.timeline.map((t) => `<tr><td class="muted">${e(t.at)}</td><td>${e(t.instanceId ?? "run")}</td><td>${e(t.what)}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Drill ${e(report.drill)}: ${e(report.status)}</title><style>${CSS}</style></head>
<body>
<h1>Drill ${e(report.drill)} <span class="status ${e(report.status)}">${e(report.status)}</span></h1>
<div class="muted">run ${e(report.runId)} · fault ${e(report.fault)} · simulator ${e(report.simulator)} · ${e(report.startedAt)} → ${e(report.finishedAt ?? "running")}</div>
${report.error === undefined ? "" : `<p class="bad">${e(report.error)}</p>`}
<h2>Criteria</h2>
<table><tr><th>criterion</th><th>required</th><th>result</th><th>seen</th></tr>${criteria}</table>
<h2>Summary</h2>
<table>${numbers.map(([k, v]) => `<tr><th>${e(k)}</th><td class="num">${e(v)}</td></tr>`).join("")}</table>
<h2>Timeline</h2>
<div class="legend"><span><i class="dot" style="background:#57606a"></i>injected</span><span><i class="dot" style="background:#0969da"></i>detected</span><span><i class="dot" style="background:#bf8700"></i>remediation started</span><span><i class="dot" style="background:#1a7f37"></i>healed</span><span><i class="dot" style="background:#cf222e"></i>failed</span><span class="muted">shaded: healWithin after injection; time since the first injection</span></div>
${timelineChart(report)}
<h2>Instances</h2>
<table><tr><th>instance</th><th>outcome</th><th>detect</th><th>heal</th><th>detected by</th><th>healed by</th><th>reasons</th></tr>${instances}</table>
<h2>Everything seen</h2>
<table><tr><th>at</th><th>instance</th><th>what</th></tr>${timeline}</table>
</body></html>
`;
}
