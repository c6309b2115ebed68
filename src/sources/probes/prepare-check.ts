// Turns a probe's spec into its check, once per spec: templates and patterns are compiled when
// a configuration comes into force, not at every check. A reload builds new specs, so a
// changed probe gets a new check and the old one is forgotten with its spec.
import type { ProbeSpec } from "../../config/probe-types.js";
import type { PreparedCheck } from "./check-result.js";
import { httpCheck } from "./http-check.js";
import { detectPing, icmpCheck } from "./icmp-check.js";
import type { PingSupport } from "./icmp-check.js";
import { tcpCheck } from "./tcp-check.js";

/** Gives the check of a spec, prepared on first use. */
export type CheckPreparer = (spec: ProbeSpec) => PreparedCheck;

/** A preparer whose icmp checks run `ping` (whether this node can ping is found out on first use). */
export function checkPreparer(ping: string): CheckPreparer {
  let support: Promise<PingSupport> | undefined;
  const icmp = icmpCheck(ping, () => (support ??= detectPing(ping)));
  const prepared = new WeakMap<ProbeSpec, PreparedCheck>();
  return (spec) => {
    let check = prepared.get(spec);
    if (check === undefined) {
      check = prepare(spec, icmp);
      prepared.set(spec, check);
    }
    return check;
  };
}

function prepare(spec: ProbeSpec, icmp: ReturnType<typeof icmpCheck>): PreparedCheck {
  switch (spec.type) {
    case "http":
      return httpCheck(spec);
    case "tcp":
      return tcpCheck(spec);
    case "icmp":
      return icmp(spec);
  }
}
