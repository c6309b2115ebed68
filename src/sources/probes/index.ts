// Public API of the prober: the service a scheduler node runs, its metrics, the events it
// emits and the stored state (what an API route or `reflex probes` would list).
export { ProbeRunner } from "./probe-runner.js";
export type { ProbeRunnerOptions } from "./probe-runner.js";
export { ProbeMetrics } from "./probe-metrics.js";
export type { ProbeObserver, ProbeStatusRow } from "./probe-metrics.js";
export { PROBE_DOWN, PROBE_UP, probeSource } from "./probe-event.js";
export { readProbeStates } from "./probe-states.js";
export type { ProbeStateRow } from "./probe-states.js";
export { detectPing } from "./icmp-check.js";
export type { PingSupport } from "./icmp-check.js";
