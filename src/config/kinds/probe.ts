// `kind: Probe`: a check of a host or service that no cloud monitors (the seed's "ping
// unreachable"), made on an interval by the scheduler node, going down after N failed checks
// in a row and up after M successful ones, and emitting `reflex.probe.down` / `.up` on change.
//
//   kind: Probe
//   name: db-01-port
//   type: tcp                      # http | tcp | icmp
//   host: db-01.internal
//   port: 5432
//   interval: 10s                  # default 30s, at least 1s
//   timeout: 2s                    # default 5s (at most the interval)
//   failures: 3                    # default 3
//   successes: 1                   # default 1
//   bus: ops                       # default: default
//   subject: db-01                 # default: the target (URL, host:port or host)
//   labels: {team: dba}
import { parseDuration } from "../../core/duration.js";
import type { ProbeBase, ProbeSpec } from "../probe-types.js";
import { DEFAULT_BUS } from "../types.js";
import { busReferenceProblems } from "./bus-reference.js";
import { defineKind } from "./kind.js";
import { probeProblems } from "./probe-checks.js";
import type { ProbeDocument } from "./probe-schema.js";
import { ProbeSchema } from "./probe-schema.js";

/** Time between checks when `interval:` is not given. */
export const DEFAULT_PROBE_INTERVAL_MS = 30_000;
/** Time a check may take when `timeout:` is not given (never more than the interval). */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
/** Failed checks in a row that take a probe down, when `failures:` is not given. */
export const DEFAULT_PROBE_FAILURES = 3;
/** Successful checks in a row that bring a probe up, when `successes:` is not given. */
export const DEFAULT_PROBE_SUCCESSES = 1;
/** Statuses an `http` probe accepts when `expectStatus:` is not given. */
export const DEFAULT_PROBE_EXPECT_STATUS: readonly [number, number] = Object.freeze([200, 299] as const);

/** The fields that say what a probe checks (a document or a spec has them). */
export type ProbeTargetFields = { type: "http"; url: string } | { type: "tcp"; host: string; port: number } | { type: "icmp"; host: string };

/** What a probe checks, as its events' `target` (and default subject) say it. */
export function probeTarget(probe: ProbeTargetFields): string {
  switch (probe.type) {
    case "http":
      return probe.url;
    case "tcp":
      return `${probe.host.includes(":") ? `[${probe.host}]` : probe.host}:${probe.port}`;
    case "icmp":
      return probe.host;
  }
}

/** The Probe spec for a valid document, defaults filled in. */
export function buildProbe(doc: ProbeDocument): ProbeSpec {
  const intervalMs = doc.interval === undefined ? DEFAULT_PROBE_INTERVAL_MS : parseDuration(doc.interval);
  const base: ProbeBase = {
    name: doc.name,
    intervalMs,
    timeoutMs: doc.timeout === undefined ? Math.min(DEFAULT_PROBE_TIMEOUT_MS, intervalMs) : parseDuration(doc.timeout),
    failures: doc.failures ?? DEFAULT_PROBE_FAILURES,
    successes: doc.successes ?? DEFAULT_PROBE_SUCCESSES,
    bus: doc.bus ?? DEFAULT_BUS.name,
    subject: doc.subject ?? probeTarget(doc),
    labels: { ...doc.labels },
  };
  if (doc.description !== undefined) base.description = doc.description;
  switch (doc.type) {
    case "http": {
      const status = doc.expectStatus ?? DEFAULT_PROBE_EXPECT_STATUS;
      const spec: ProbeSpec = {
        ...base,
        type: "http",
        url: doc.url,
        method: doc.method ?? "GET",
        headers: { ...doc.headers },
        expectStatus: typeof status === "number" ? [status, status] : [status[0], status[1]],
      };
      if (doc.expectBody !== undefined) spec.expectBody = { ...doc.expectBody };
      return spec;
    }
    case "tcp":
      return { ...base, type: "tcp", host: doc.host, port: doc.port };
    case "icmp":
      return { ...base, type: "icmp", host: doc.host };
  }
}

/** The Probe kind for the registry. */
export const probeKind = defineKind({
  kind: "Probe",
  schema: ProbeSchema,
  check: probeProblems,
  build: buildProbe,
  assemble: (specs, config) => ({ ...config, probes: new Map([...config.probes, ...specs.map((s) => [s.name, s] as const)]) }),
  crossCheck: busReferenceProblems,
});
