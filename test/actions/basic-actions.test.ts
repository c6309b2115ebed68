// core.noop, core.echo, core.fail and core.sleep, run as the engine runs them.
import { describe, expect, it } from "vitest";
import { ActionError, createCoreRegistry } from "../../src/actions/index.js";
import type { AnyActionDefinition } from "../../src/actions/index.js";
import { rejection, testRun } from "./support.js";

const registry = createCoreRegistry();

function action(ref: string): AnyActionDefinition {
  const definition = registry.get(ref);
  if (!definition) throw new Error(`${ref} is not registered`);
  return definition;
}

describe("core.noop", () => {
  it("succeeds with {}", async () => {
    await expect(action("core.noop").run({}, testRun().ctx)).resolves.toEqual({});
  });
});

describe("core.echo", () => {
  it("returns its message and writes it to stdout line by line", async () => {
    const run = testRun();
    await expect(action("core.echo").run({ message: "n=21\nsecond" }, run.ctx)).resolves.toEqual({ message: "n=21\nsecond" });
    expect(run.lines("stdout")).toEqual(["n=21", "second"]);
  });
});

describe("core.fail", () => {
  it("throws a retryable ActionError with the message and no result", async () => {
    const err = await rejection(action("core.fail").run({ message: "disk full" }, testRun().ctx));
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).message).toBe("disk full");
    expect((err as ActionError).retryable).toBe(true);
    expect((err as ActionError).result).toBeUndefined();
  });

  it("can say a retry will not help, and has a message of its own", async () => {
    const err = (await rejection(action("core.fail").run({ retryable: false }, testRun().ctx))) as ActionError;
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/core\.fail/);
  });
});

describe("core.sleep", () => {
  it("waits, then returns {slept}", async () => {
    const started = performance.now();
    await expect(action("core.sleep").run({ seconds: 0.05 }, testRun().ctx)).resolves.toEqual({ slept: 0.05 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("stops promptly when its signal aborts, saying why", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const running = action("core.sleep").run({ seconds: 3_600 }, testRun({ signal: controller.signal }).ctx);
    controller.abort(new Error("the execution was canceled"));
    const err = (await rejection(running)) as ActionError;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(err).toBeInstanceOf(ActionError);
    expect(err.code).toBe("action_aborted");
    expect(err.message).toBe("core.sleep was stopped: the execution was canceled");
  });

  it("does not start when the signal is already aborted", async () => {
    const err = (await rejection(action("core.sleep").run({ seconds: 3_600 }, testRun({ signal: AbortSignal.abort() }).ctx))) as ActionError;
    expect(err.code).toBe("action_aborted");
    expect(err.message).toMatch(/^core\.sleep was stopped: /);
  });

  it("allows at most a day", () => {
    expect(() => registry.validateInput("core.sleep", { seconds: 86_401 })).toThrow("core.sleep input /seconds: must be <= 86400 (maximum)");
    expect(action("core.sleep").timeoutMs).toBeGreaterThan(86_400_000);
  });
});
