// `kind: Drill`: a chaos drill against the cloud simulator — inject one fault into many
// instances and check that Reflex notices (an event stored) and heals them (the simulator sees
// the right remediation) in time. The runner is `src/drill/`; this file is how a document
// becomes a `DrillSpec`.
//
//   kind: Drill
//   name: ping-unreachable-50
//   simulator: http://127.0.0.1:7421     # default: REFLEX_SIM_URL, else http://127.0.0.1:7421
//   instances:
//     create: {count: 50, cloud: tencent, tags: {env: drill}}   # or ids: [ins-1, ins-2]
//   fault: ping_unreachable
//   stagger: 0s                          # default 0: all at once
//   criteria: {detectWithin: 30s, healWithin: 2m, minHealedPercent: 100}
//   timeout: 5m                          # default healWithin + 1m
import { parseDuration } from "../../core/duration.js";
import { defineKind } from "./kind.js";
import { drillProblems } from "./drill-checks.js";
import type { DrillDocument } from "./drill-schema.js";
import { DrillSchema } from "./drill-schema.js";
import type { DrillCreateSpec, DrillSpec } from "./drill-types.js";

/** How long a run follows the instances past `healWithin` when `timeout:` is not given. */
export const DEFAULT_DRILL_TIMEOUT_MARGIN_MS = 60_000;
/** The share of instances that must meet the criteria when `minHealedPercent:` is not given. */
export const DEFAULT_MIN_HEALED_PERCENT = 100;

/** The Drill spec for a valid document, defaults filled in. */
export function buildDrill(doc: DrillDocument): DrillSpec {
  const healWithinMs = parseDuration(doc.criteria.healWithin);
  const spec: DrillSpec = {
    name: doc.name,
    instances: doc.instances.create !== undefined ? { create: buildCreate(doc.instances.create) } : { ids: [...(doc.instances.ids ?? [])] },
    fault: doc.fault,
    staggerMs: doc.stagger === undefined ? 0 : parseDuration(doc.stagger),
    criteria: {
      detectWithinMs: parseDuration(doc.criteria.detectWithin),
      healWithinMs,
      minHealedPercent: doc.criteria.minHealedPercent ?? DEFAULT_MIN_HEALED_PERCENT,
    },
    timeoutMs: doc.timeout === undefined ? healWithinMs + DEFAULT_DRILL_TIMEOUT_MARGIN_MS : parseDuration(doc.timeout),
  };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.simulator !== undefined) spec.simulator = doc.simulator.replace(/\/+$/, "");
  return spec;
}

function buildCreate(create: NonNullable<DrillDocument["instances"]["create"]>): DrillCreateSpec {
  const spec: DrillCreateSpec = { count: create.count, cloud: create.cloud, tags: { ...create.tags } };
  if (create.region !== undefined) spec.region = create.region;
  if (create.preemptible !== undefined) spec.preemptible = create.preemptible;
  if (create.dataDisks !== undefined) spec.dataDisks = create.dataDisks;
  return spec;
}

/** The Drill kind for the registry. */
export const drillKind = defineKind({
  kind: "Drill",
  schema: DrillSchema,
  check: drillProblems,
  build: buildDrill,
  assemble: (specs, config) => ({ ...config, drills: new Map([...config.drills, ...specs.map((s) => [s.name, s] as const)]) }),
});
