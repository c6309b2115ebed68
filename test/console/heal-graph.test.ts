// Seed scenario c through the console, as an operator runs it during a demo: inject "ping
// unreachable" into a server of the demo fleet from the Fleet page, find the healing execution
// in the Executions list, open it, and watch its graph turn green live — every task on the
// healing path succeeded, the failure branches not run — while the Fleet page shows the fault
// cleared; then find it again, or not, by the list's time window.
import { expect, it } from "vitest";
import { attributeMap, collectPageErrors, openPage, signIn } from "./support/browser.js";
import { describeConsoleWorld } from "./support/suite.js";


describeConsoleWorld("console: a server heals under the operator's eyes", (world) => {
  it("injects ping_unreachable from the Fleet page and shows the execution graph turning green", async () => {
    const { env, browser } = world();
    const instance = env.instances[0] ?? "";
    const { context, page } = await openPage(browser, env.url);
    const errors = collectPageErrors(page);
    try {
      await signIn(page, env.adminToken, "/fleet");
      await page.getByTestId(`fleet-fault-menu-${instance}`).click();
      await page.getByTestId("fleet-fault-option-ping_unreachable").click();
      await page.getByTestId("fleet-fault-confirm").click();
      await page.getByTestId("fleet-fault-panel").waitFor({ state: "detached" });
      expect((await env.sim.faults({ instanceId: instance })).map((f) => f.kind)).toEqual(["ping_unreachable"]);

      await page.getByTestId("nav-executions").click();
      const row = page.getByTestId("executions-row-link").filter({ hasText: "c.ping-unreachable" });
      // The list refreshes itself (every 15 s while nothing shown runs); an operator in a hurry presses Refresh.
      await expect
        .poll(async () => {
          if ((await row.count()) === 0) await page.getByTestId("executions-refresh").click();
          return row.count();
        }, { timeout: 20_000, interval: 1000 })
        .toBeGreaterThan(0);
      await row.first().click();
      await page.waitForURL(/\/executions\/[^/?]+/);

      await page.locator('[data-testid="execution-detail"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
      const nodes = page.getByTestId("execution-node");
      await expect.poll(() => attributeMap(nodes, "data-task", "data-state")).toEqual({
        wait_running: "succeeded",
        restart_process: "succeeded",
        notify_healed: "succeeded",
        notify_not_ready: "not-run",
        notify_restart_failed: "not-run",
      });
      expect(await page.getByTestId("execution-status").textContent()).toMatch(/succeeded/i);

      const fault = (await env.sim.faults({ instanceId: instance }))[0];
      expect(fault?.clearedAt).toBeDefined();

      // The list's time window is the API's: the last hour holds it, what came before an hour ago does not.
      await page.goto(`${env.url}/executions?since=1h`);
      await expect.poll(() => page.getByTestId("executions-row-link").filter({ hasText: "c.ping-unreachable" }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.goto(`${env.url}/executions?to=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
      await page.getByTestId("executions-empty").waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
