// What a drill asks of the cloud simulator, as an interface: the runner is written against it,
// `sim-http.ts` speaks the simulator's control API for it, and tests may give a fleet directly.
import type { SimFault, SimFaultKind, SimInstance, SimInstanceSpec } from "../sim/types.js";

/** The simulator operations a drill uses. */
export interface DrillSimulator {
  /** Base URL (for the report). */
  readonly url: string;
  /** Creates instances; they boot on the simulator's timers. */
  createInstances(specs: readonly SimInstanceSpec[]): Promise<SimInstance[]>;
  /** The instances with these ids (unknown ids are left out). */
  instances(ids: readonly string[]): Promise<SimInstance[]>;
  /** Injects a fault; throws an error carrying the simulator's reason when it refuses. */
  injectFault(instanceId: string, kind: SimFaultKind): Promise<SimFault>;
  /** Faults of the simulator (every one, cleared and failed ones too). */
  faults(): Promise<SimFault[]>;
}
