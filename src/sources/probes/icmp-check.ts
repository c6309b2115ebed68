// The `icmp` probe, through the system `ping` (one echo request: `ping -c 1 -W <seconds> -n
// <host>`, run with an argument list, never a shell). Node cannot open raw ICMP sockets
// itself, and `ping` is what the host has already been allowed to use (setuid, CAP_NET_RAW or
// unprivileged ICMP sockets). Whether this node can ping at all is found out once, by pinging
// 127.0.0.1: when it cannot (no `ping`, no permission), every icmp probe reports that reason as
// its last result and stays where it was, rather than going down for a fault of this node.
import { execFile } from "node:child_process";
import type { IcmpProbeSpec } from "../../config/probe-types.js";
import type { CheckFactory, CheckResult } from "./check-result.js";
import { elapsedMs } from "./check-result.js";

/** Whether this node can ping, and why not. */
export type PingSupport = { available: true } | { available: false; reason: string };

/** What one run of `ping` gave. */
interface PingRun {
  /** Exit code; null when it did not run or was killed. */
  code: number | null;
  /** Set when the command could not be started (`ENOENT`) or was killed (timeout, abort). */
  error?: string;
  missing: boolean;
  output: string;
}

/** Most output kept from one run. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/** Messages of a `ping` that is not allowed to send ICMP. */
const NOT_PERMITTED = /operation not permitted|permission denied|socket: |cap_net_raw|must be root/i;

/** Finds out once whether `command` can ping 127.0.0.1 from this process. */
export async function detectPing(command: string): Promise<PingSupport> {
  const run = await runPing(command, ["-c", "1", "-W", "1", "-n", "127.0.0.1"], 5000);
  if (run.code === 0) return { available: true };
  if (run.missing) {
    return { available: false, reason: `icmp probes need the '${command}' command, which was not found on this node; install it (iputils-ping on Debian and Ubuntu, iputils on RHEL and Alpine) and restart` };
  }
  const said = firstLine(run);
  if (NOT_PERMITTED.test(run.output)) {
    return {
      available: false,
      reason: `this process may not send ICMP echo requests (${said}); allow unprivileged ICMP (sysctl net.ipv4.ping_group_range="0 2147483647") or give ping CAP_NET_RAW (setcap cap_net_raw+p "$(command -v ping)"), then restart`,
    };
  }
  return { available: false, reason: `'${command}' cannot ping 127.0.0.1 from this node (${said}); icmp probes are not run here` };
}

/** Prepares the check of an `icmp` probe; `support` tells (once) whether this node can ping. */
export function icmpCheck(command: string, support: () => Promise<PingSupport>): CheckFactory<IcmpProbeSpec> {
  return (spec) => async (context) => {
    const can = await support();
    if (!can.available) return { outcome: "unavailable", detail: can.reason };
    const seconds = Math.max(1, Math.ceil(spec.timeoutMs / 1000));
    const started = performance.now();
    const run = await runPing(command, ["-c", "1", "-W", String(seconds), "-n", spec.host], spec.timeoutMs + 2000, context.signal);
    return pingResult(spec, run, elapsedMs(started));
  };
}

function pingResult(spec: IcmpProbeSpec, run: PingRun, measuredMs: number): CheckResult {
  if (run.code === 0) {
    const time = /time[=<]\s*([\d.]+)\s*ms/.exec(run.output)?.[1];
    return { outcome: "success", latencyMs: time === undefined ? measuredMs : Number(time), detail: `echo reply from ${spec.host}` };
  }
  if (run.missing || NOT_PERMITTED.test(run.output)) return { outcome: "unavailable", detail: `'ping' cannot run on this node: ${firstLine(run)}` };
  if (run.code === 1) return { outcome: "failure", latencyMs: measuredMs, detail: `no echo reply from ${spec.host} within ${Math.max(1, Math.ceil(spec.timeoutMs / 1000))} s` };
  return { outcome: "failure", latencyMs: measuredMs, detail: `ping ${spec.host} failed: ${firstLine(run)}` };
}

function firstLine(run: PingRun): string {
  const line = run.output.split("\n").find((l) => l.trim() !== "");
  return (line ?? run.error ?? `exit code ${String(run.code)}`).trim().slice(0, 300);
}

/** Runs `command` with `args` (no shell), in the C locale, for at most `timeoutMs`. */
function runPing(command: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<PingRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, env: { ...process.env, LC_ALL: "C" }, ...(signal ? { signal } : {}) },
      (err, stdout, stderr) => {
        const output = `${stderr}\n${stdout}`.trim();
        if (err === null) return resolve({ code: 0, missing: false, output });
        const code = typeof err.code === "number" ? err.code : null;
        resolve({ code, missing: err.code === "ENOENT", output, ...(code === null ? { error: err.message } : {}) });
      },
    );
  });
}
