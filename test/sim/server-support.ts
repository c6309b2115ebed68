// Helpers for the simulator's tests: a simulator on a loopback port that runs a hundred times
// faster than the clouds, the pack actions pointed at it with its credentials, and a way to run
// an action as the engine would (input checked against its schema, secrets from a map).
import { ActionError, ActionRegistry } from "../../src/actions/index.js";
import type { AnyActionDefinition } from "../../src/actions/index.js";
import { createAliyunPack } from "../../src/actions/aliyun/pack.js";
import { createTencentPack } from "../../src/actions/tencent/pack.js";
import type { JsonValue } from "../../src/core/json.js";
import { startSimulator } from "../../src/sim/server.js";
import type { RunningSimulator, SimulatorOptions } from "../../src/sim/server.js";
import { rejection, testRun } from "../actions/support.js";

/** A simulator at speed 100 (a 30 s reboot takes 300 ms) unless options say otherwise. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ speed: 100, ...options });
}

/** The secrets a Tencent pack run needs to talk to `sim`. */
export function tencentSecrets(sim: RunningSimulator): Record<string, string> {
  return { "tencent.secret_id": sim.credentials.tencent.secretId, "tencent.secret_key": sim.credentials.tencent.secretKey };
}

/** The secrets an Alibaba pack run needs to talk to `sim`. */
export function aliyunSecrets(sim: RunningSimulator): Record<string, string> {
  return { "aliyun.access_key_id": sim.credentials.aliyun.accessKeyId, "aliyun.access_key_secret": sim.credentials.aliyun.accessKeySecret };
}

/** Runs pack actions against a simulator. */
export interface PackRunner {
  run(ref: string, input: JsonValue, secrets?: Record<string, string>): Promise<Record<string, unknown>>;
  failure(ref: string, input: JsonValue, secrets?: Record<string, string>): Promise<ActionError>;
}

/** The `tencent` and `aliyun` packs pointed at `sim`, with its credentials by default. */
export function packRunner(sim: RunningSimulator): PackRunner {
  const registry = new ActionRegistry().register(
    ...createTencentPack({ endpoint: sim.url, tatPollIntervalMs: 20, requestTimeoutSeconds: 10 }),
    ...createAliyunPack({ endpoint: sim.url, requestTimeoutMs: 10_000 }),
  );
  const defaults = { ...tencentSecrets(sim), ...aliyunSecrets(sim) };
  const run = async (ref: string, input: JsonValue, secrets: Record<string, string> = defaults): Promise<Record<string, unknown>> => {
    registry.validateInput(ref, input);
    const definition = registry.get(ref) as AnyActionDefinition;
    return (await definition.run(input, testRun({ secrets }).ctx)) as Record<string, unknown>;
  };
  return {
    run,
    failure: async (ref, input, secrets) => {
      const err = await rejection(run(ref, input, secrets));
      if (!(err instanceof ActionError)) throw new Error(`expected an ActionError, got ${String(err)}`);
      return err;
    },
  };
}
