// Public API of `drill/`: chaos drills against the cloud simulator — run one, follow it, and
// report time-to-detect and time-to-heal per instance, as JSON and as an HTML page.
export { DrillError } from "./drill-error.js";
export { DrillService } from "./drill-service.js";
export type { DrillRunListItem, DrillServiceOptions } from "./drill-service.js";
export { DrillRun, runDrill } from "./run-drill.js";
export type { RunDrillOptions } from "./run-drill.js";
export { buildReport, mean, percentile, summarize } from "./report.js";
export { reportHtml } from "./report-html.js";
export { FINISHED_DRILL_STATUSES } from "./report-types.js";
export type { DrillCriterionResult, DrillInstanceReport, DrillReport, DrillStatus, DrillSummary, DrillTimelineEntry, InstanceOutcome } from "./report-types.js";
export type { DrillSimulator } from "./sim-port.js";
export { DEFAULT_SIM_URL, httpSimulator, simulatorUrl } from "./sim-http.js";
export type { DrillObservations, ObservedEvent, ObservedRemediation } from "./observations.js";
export { storeObservations } from "./store-observations.js";
