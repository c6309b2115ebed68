// How an instance's state reads at a glance: RUNNING green, moving states blue, STOPPED and
// RELEASED grey — and an instance that runs but is sick (unreachable, process down, faults)
// amber, so a broken server stands out in a fleet of green ones.
import type { ReactNode } from "react";
import { StatusBadge } from "../../components";
import type { StatusTone } from "../../components";
import type { SimInstance, SimInstanceState } from "./types";

const TONE: Readonly<Record<SimInstanceState, StatusTone>> = {
  RUNNING: "ok",
  PENDING: "busy",
  STARTING: "busy",
  STOPPING: "busy",
  REBOOTING: "busy",
  STOPPED: "idle",
  RELEASED: "idle",
};

/** The tone of a state (unknown states are grey). */
export function stateTone(state: string): StatusTone {
  return TONE[state as SimInstanceState] ?? "idle";
}

/** The instance's health in one word: `healthy`, `faulty` (active faults, unreachable or process down), or its state. */
export function healthOf(i: SimInstance): "healthy" | "faulty" | "down" | "moving" {
  if (i.state === "STOPPED" || i.state === "RELEASED") return "down";
  if (i.activeFaults.length > 0) return "faulty";
  if (i.state !== "RUNNING") return "moving";
  return i.reachable && i.process.running ? "healthy" : "faulty";
}

/** The state badge of an instance. */
export function StateBadge({ instance }: { instance: SimInstance }): ReactNode {
  return <StatusBadge status={instance.state} tone={stateTone(instance.state)} label={instance.state.toLowerCase()} testId="fleet-instance-state" />;
}
