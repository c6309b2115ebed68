// The `tcp` probe: a connection to host:port must open within the timeout; it is closed at
// once, nothing is sent. A refused connection, a name that does not resolve and a timeout are
// failures of the target, each with its reason.
import { connect } from "node:net";
import type { TcpProbeSpec } from "../../config/probe-types.js";
import { probeTarget } from "../../config/kinds/probe.js";
import type { CheckFactory, CheckResult } from "./check-result.js";
import { elapsedMs } from "./check-result.js";

/** Prepares the check of a `tcp` probe. */
export const tcpCheck: CheckFactory<TcpProbeSpec> = (spec) => {
  const target = probeTarget(spec);
  return (context) =>
    new Promise<CheckResult>((resolve) => {
      const started = performance.now();
      if (context.signal.aborted) return resolve({ outcome: "failure", latencyMs: 0, detail: "the check was stopped" });
      const socket = connect({ host: spec.host, port: spec.port });
      const finish = (result: CheckResult): void => {
        clearTimeout(timer);
        context.signal.removeEventListener("abort", onAbort);
        socket.destroy();
        resolve(result);
      };
      const onAbort = (): void => finish({ outcome: "failure", latencyMs: elapsedMs(started), detail: "the check was stopped" });
      const timer = setTimeout(() => finish({ outcome: "failure", latencyMs: elapsedMs(started), detail: `no connection to ${target} within ${spec.timeoutMs} ms` }), spec.timeoutMs);
      context.signal.addEventListener("abort", onAbort, { once: true });
      socket.once("connect", () => finish({ outcome: "success", latencyMs: elapsedMs(started), detail: `connected to ${target}` }));
      socket.once("error", (err) => finish({ outcome: "failure", latencyMs: elapsedMs(started), detail: `cannot connect to ${target}: ${err.message}` }));
    });
};
