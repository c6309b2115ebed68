// What each fault kind does and what clears it (docs/simulator.md#faults), and whether it can
// strike a given instance — so the fault menu explains its choices and greys out the ones the
// simulator would refuse. Kinds the server lists but this table does not know stay selectable.
import type { SimInstance } from "./types";

/** What the console knows of one fault kind. */
export interface FaultKindInfo {
  /** What it does to the instance, in a few words. */
  does: string;
  /** What the simulator waits for to clear it. */
  clears: string;
  /** Clouds that have it. */
  clouds: readonly ("tencent" | "aliyun")[];
  /** Only preemptible instances can get it. */
  preemptibleOnly?: boolean;
}

const KINDS: Readonly<Record<string, FaultKindInfo>> = {
  ping_unreachable: { does: "network and process down; the host reboots it", clears: "a command containing 'restart' once RUNNING", clouds: ["tencent"] },
  disk_readonly: { does: "system disk turns read-only", clears: "the next boot", clouds: ["tencent"] },
  kernel_fault: { does: "bad kernel: panics, unreachable", clears: "stop, roll back to a good snapshot, start", clouds: ["tencent"] },
  oom: { does: "the business process dies", clears: "a command containing 'restart', or a boot", clouds: ["tencent"] },
  instance_restarted: { does: "the host reboots the instance", clears: "itself, when RUNNING again", clouds: ["tencent"] },
  unexpected_stop: { does: "the instance stops", clears: "starting it", clouds: ["tencent", "aliyun"] },
  conn_limit_packet_loss: { does: "packets over the connection limit dropped", clears: "the next boot", clouds: ["tencent"] },
  bandwidth_limit_packet_loss: { does: "packets over the bandwidth limit dropped", clears: "the next boot", clouds: ["tencent"] },
  preemptible_interruption: { does: "reclaim notice, then release", clears: "out of every SLB group before the release", clouds: ["aliyun"], preemptibleOnly: true },
  disk_usage_high: { does: "a disk 93.5 % full", clears: "a command containing 'clean'", clouds: ["tencent"] },
};

/** The description of `kind`, if the console knows it. */
export function faultKindInfo(kind: string): FaultKindInfo | undefined {
  return KINDS[kind];
}

/**
 * Why `kind` cannot be injected into `instance` now, or null when the simulator should take it.
 * (The simulator has the last word; this only saves a pointless round trip.)
 */
export function whyNot(kind: string, instance: SimInstance): string | null {
  if (instance.state === "RELEASED") return "the instance is released";
  if (instance.state !== "RUNNING") return `faults strike RUNNING instances; this one is ${instance.state}`;
  if (instance.activeFaults.includes(kind)) return "already active on this instance";
  const info = KINDS[kind];
  if (info === undefined) return null;
  if (!info.clouds.includes(instance.cloud)) return `only on ${info.clouds.join(" and ")} instances`;
  if (info.preemptibleOnly === true && !instance.preemptible) return "only on preemptible instances";
  return null;
}
