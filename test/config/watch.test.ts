// The config watcher: reloads after a file changes (waiting by polling with a deadline, never
// by sleeping), hands over bad configs as problems instead of throwing, reloads on demand, and
// stops calling back once closed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ConfigLoadResult, ConfigWatcher } from "../../src/config/index.js";
import { watchConfig } from "../../src/config/index.js";
import { writeConfigDir } from "../support/config-dir.js";

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(check: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A config dir with one bus, watched; results land in `results`. */
function watched(debounceMs = 20): { dir: string; results: ConfigLoadResult[]; watcher: ConfigWatcher; errors: unknown[] } {
  const dir = writeConfigDir({ "bus.yaml": "kind: Bus\nname: ops\n" });
  const results: ConfigLoadResult[] = [];
  const errors: unknown[] = [];
  const watcher = watchConfig(dir, (result) => results.push(result), { debounceMs, onError: (err) => errors.push(err) });
  cleanups.push(() => {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, results, watcher, errors };
}

describe("watchConfig", () => {
  it("reloads after a file is changed, added in a new folder, or broken", async () => {
    const { dir, results, errors } = watched();
    writeFileSync(join(dir, "bus.yaml"), "kind: Bus\nname: ops\nvalidation: enforce\n");
    const changed = await eventually(() => results.find((r) => r.config?.buses.get("ops")?.validation === "enforce"), "the changed bus");
    expect(changed.problems).toEqual([]);

    mkdirSync(join(dir, "more"));
    writeFileSync(join(dir, "more/extra.yaml"), "kind: Bus\nname: extra\n");
    await eventually(() => results.find((r) => r.config?.buses.has("extra")), "the added bus");

    writeFileSync(join(dir, "bus.yaml"), "kind: Bus\nname: ops\nvalidation: loud\n");
    const broken = await eventually(() => results.find((r) => r.config === null), "the broken config");
    expect(broken.problems).toEqual([
      expect.objectContaining({ file: join(dir, "bus.yaml"), line: 3, col: 13, pointer: "/validation" }),
    ]);
    expect(errors).toEqual([]);
  });

  it("coalesces a burst of changes into few reloads after the quiet time", async () => {
    const { dir, results } = watched(300);
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `bus-${i}.yaml`), `kind: Bus\nname: b${i}\n`);
    await eventually(() => results.find((r) => r.config?.buses.has("b19")), "the burst to be loaded");
    expect(results.length).toBeLessThanOrEqual(2);
  });

  it("reloads on demand, one load after another, and not after close", async () => {
    const { dir, results, watcher } = watched(60_000);
    await watcher.reload();
    expect(results).toHaveLength(1);
    expect(results[0]?.config?.buses.has("ops")).toBe(true);

    writeFileSync(join(dir, "bus.yaml"), "kind: Bus\nname: renamed\n");
    await Promise.all([watcher.reload(), watcher.reload()]);
    expect(results).toHaveLength(3);
    expect(results[2]?.config?.buses.has("renamed")).toBe(true);

    const pending = watcher.reload();
    watcher.close();
    await pending;
    await watcher.reload();
    expect(results).toHaveLength(3);
  });

  it("passes a missing directory to onReload as a problem and the watch failure to onError", async () => {
    const parent = writeConfigDir({});
    const dir = join(parent, "missing");
    const results: ConfigLoadResult[] = [];
    const errors: unknown[] = [];
    const watcher = watchConfig(dir, (r) => results.push(r), { onError: (err) => errors.push(err) });
    cleanups.push(() => {
      watcher.close();
      rmSync(parent, { recursive: true, force: true });
    });
    expect(errors).toHaveLength(1);
    await watcher.reload();
    expect(results).toEqual([{ config: null, problems: [expect.objectContaining({ file: dir, message: "config directory does not exist" })] }]);
  });

  it("checks workflows against the action catalog it was given on every reload", async () => {
    const dir = writeConfigDir({ "wf.yaml": "kind: Workflow\nname: wf\ntasks:\n  a: {action: core.nope}\n" });
    const results: ConfigLoadResult[] = [];
    const actions = { has: (ref: string) => ref === "core.noop", requiredInputs: () => [], refs: () => ["core.noop"] };
    const watcher = watchConfig(dir, (r) => results.push(r), { debounceMs: 60_000, actions });
    cleanups.push(() => {
      watcher.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await watcher.reload();
    expect(results[0]?.problems).toEqual([expect.objectContaining({ line: 4, col: 15, pointer: "/tasks/a/action" })]);
  });

  it("rejects reload() when onReload throws, and routes a watcher-started failure to onError", async () => {
    const dir = writeConfigDir({ "bus.yaml": "kind: Bus\nname: ops\n" });
    const errors: unknown[] = [];
    const watcher = watchConfig(
      dir,
      () => {
        throw new Error("apply failed");
      },
      { debounceMs: 20, onError: (err) => errors.push(err) },
    );
    cleanups.push(() => {
      watcher.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await expect(watcher.reload()).rejects.toThrow("apply failed");
    writeFileSync(join(dir, "bus.yaml"), "kind: Bus\nname: other\n");
    const err = await eventually(() => errors[0], "the error from a watched reload");
    expect(err).toBeInstanceOf(Error);
  });
});
