// Shared bits of the fleet tests: a fleet running a thousand times faster than the clouds
// (a boot takes 20 ms), closed after each test, and polling with a deadline instead of sleeps.
import { afterEach, expect } from "vitest";
import { createFleet } from "../../src/sim/fleet.js";
import type { SimFleetOptions } from "../../src/sim/fleet.js";
import type { SimCloud, SimFleetApi, SimInstance, SimInstanceState, SimInstanceSpec } from "../../src/sim/types.js";
import { SimOperationError } from "../../src/sim/types.js";

/** Default timings divided by 1000: boot 20 ms, stop 10, reboot 30, snapshot 5, command 2, release notice 300. */
export const FAST_SPEED = 1000;

const open: SimFleetApi[] = [];
afterEach(() => {
  for (const fleet of open.splice(0)) fleet.close();
});

/** A fast fleet, closed after the test. */
export function fastFleet(options: SimFleetOptions = {}): SimFleetApi {
  const fleet = createFleet({ speed: FAST_SPEED, ...options });
  open.push(fleet);
  return fleet;
}

/** Polls `check` (every 2-20 ms) until it returns a value, failing after `timeoutMs`. */
export async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 20);
  }
}

/** Waits until the instance is in `state`; returns it. */
export function untilState(fleet: SimFleetApi, id: string, state: SimInstanceState): Promise<SimInstance> {
  return until(() => {
    const instance = fleet.instance(id);
    return instance.state === state ? instance : undefined;
  }, `${id} to be ${state} (it is ${fleet.instance(id).state})`);
}

/** One instance, RUNNING at once. */
export function runningInstance(fleet: SimFleetApi, cloud: SimCloud = "tencent", spec: Partial<SimInstanceSpec> = {}): SimInstance {
  const [instance] = fleet.createInstances([{ cloud, state: "RUNNING", ...spec }]);
  if (instance === undefined) throw new Error("createInstances returned nothing");
  return instance;
}

/** Expects `fn` to throw a SimOperationError with `code` and a message matching `message`. */
export function expectSimError(fn: () => unknown, code: SimOperationError["code"], message?: RegExp): SimOperationError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, "expected a SimOperationError").toBeInstanceOf(SimOperationError);
  const error = caught as SimOperationError;
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}

/** Waits until the task of an invocation on an instance has ended; returns it. */
export function untilTaskDone(fleet: SimFleetApi, invocationId: string) {
  return until(() => {
    const [task] = fleet.describeInvocationTasks({ invocationIds: [invocationId] });
    return task !== undefined && (task.status === "SUCCESS" || task.status === "FAILED") ? task : undefined;
  }, `invocation ${invocationId} to end`);
}
