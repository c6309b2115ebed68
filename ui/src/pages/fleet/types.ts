// The simulator's answers as Reflex's proxy relays them (src/server/routes/sim-proxy.ts, shapes
// from src/sim/types.ts). The console cannot import server code, so the fields it reads are
// restated here; the server's schemas stay the contract.

/** Which cloud an instance belongs to. */
export type SimCloud = "tencent" | "aliyun";

/** An instance's life, as the simulator spells it (Tencent's upper case). */
export type SimInstanceState = "PENDING" | "RUNNING" | "STOPPING" | "STOPPED" | "STARTING" | "REBOOTING" | "RELEASED";

/** Every state, in the order of an instance's life (for the state filter). */
export const SIM_STATES: readonly SimInstanceState[] = ["PENDING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "REBOOTING", "RELEASED"];

/** `GET /api/v1/sim`: whether a simulator is wired to this Reflex. */
export interface SimInfo {
  enabled: boolean;
  url: string | null;
  /** The simulator answered its health check just now. */
  reachable: boolean;
  faultKinds: string[];
}

/** One simulated instance (`GET /api/v1/sim/instances` → `{items}`). */
export interface SimInstance {
  id: string;
  cloud: SimCloud;
  name: string;
  region: string;
  zone: string;
  privateIp: string;
  state: SimInstanceState;
  stateSince: string;
  tags: Record<string, string>;
  preemptible: boolean;
  process: { name: string; running: boolean; restarts: number };
  /** Answers ping. */
  reachable: boolean;
  diskIds: string[];
  createdAt: string;
  releasedAt?: string;
  /** Kinds of the faults not yet cleared or failed. */
  activeFaults: string[];
}

/** One fault from injection to its end (`GET /api/v1/sim/faults` → `{items}`). */
export interface SimFault {
  id: string;
  instanceId: string;
  kind: string;
  injectedAt: string;
  clearedAt?: string;
  /** What cleared it, in the simulator's words. */
  clearedBy?: string;
  failedAt?: string;
  failure?: string;
}

/** A list answer of the proxy. */
export interface Items<T> {
  items: T[];
}
