// The console's browser suites run where Chromium is: skipped on a developer's machine without
// it, and failing on CI (CI=true), where .ci/run installs it, so a missing browser never passes
// silently there. Kept apart from browser.ts so the screenshot script does not load vitest.
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Browser } from "playwright-core";
import { CHROMIUM_PATH, HAS_CHROMIUM, launchChromium } from "./browser.js";
import { startConsoleEnvironment } from "./environment.js";
import type { ConsoleEnvironment } from "./environment.js";

const ON_CI = process.env.CI === "true" || process.env.CI === "1";

/**
 * `describe` for a console suite: runs it when Chromium is there; skips it when it is not
 * (outside CI); on CI without Chromium, one failing test says how to install it.
 */
export function describeConsole(name: string, body: () => void): void {
  if (HAS_CHROMIUM) {
    describe(name, body);
  } else if (ON_CI) {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`the console's browser tests need Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH to use another); install it with: apt-get install -y chromium`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: no Chromium at ${CHROMIUM_PATH})`, body);
  }
}

/** What a console suite's tests use: the running playground and the browser. */
export interface ConsoleWorld {
  env: ConsoleEnvironment;
  browser: Browser;
}

/**
 * A console suite with its world: the playground and Chromium start before its tests and stop
 * after them; `body` receives a getter for them (valid inside tests).
 */
export function describeConsoleWorld(name: string, body: (world: () => ConsoleWorld) => void): void {
  describeConsole(name, () => {
    let world: ConsoleWorld | undefined;
    beforeAll(async () => {
      const [env, browser] = await Promise.all([startConsoleEnvironment(), launchChromium()]);
      world = { env, browser };
    }, 120_000);
    afterAll(async () => {
      await world?.browser.close();
      await world?.env.close();
    });
    body(() => {
      if (!world) throw new Error("the console world is not started yet");
      return world;
    });
  });
}
