// Seed scenario g through the console: a production disk fills up (disk_usage_high injected
// into a Tencent server tagged env=prod), the cleanup workflow asks before deleting anything,
// and an operator answers in the Approvals page with the approval's form — a wrong answer is
// refused under its field, a right one approves — after which the execution runs the cleanup
// and succeeds, and the approval shows on the Answered tab with who answered.
import { expect, it } from "vitest";
import { waitFor } from "../support/reflex.js";
import { attributeMap, collectPageErrors, openPage, signIn } from "./support/browser.js";
import { describeConsoleWorld } from "./support/suite.js";


describeConsoleWorld("console: answering an approval", (world) => {
  it("approves the disk cleanup of scenario g with the form, and the execution succeeds", async () => {
    const { env, browser } = world();
    const operator = await env.json<{ token: string }>("/api/v1/tokens", { method: "POST", body: { name: "e2e-operator", role: "operator" } });
    const instance = env.instances[1] ?? "";
    await env.sim.injectFault(instance, "disk_usage_high");
    // Alarm, rule, workflow start and approval step run in the background; under CI's load on
    // PostgreSQL that has taken longer than the page's wait, so wait for the approval first.
    await waitFor(async () => {
      const pending = await env.json<{ items: { message: string }[] }>("/api/v1/approvals?status=pending");
      return pending.items.some((approval) => approval.message.includes(instance)) ? true : undefined;
    }, `a pending approval about ${instance}`, 60_000);

    const { context, page } = await openPage(browser, env.url);
    try {
      await signIn(page, operator.token, "/approvals");
      const errors = collectPageErrors(page);
      const row = page.getByTestId("approval-row").filter({ hasText: instance });
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole("link").click();
      const detail = page.locator(`[data-testid="approval-detail"][data-status="pending"]`);
      expect(await detail.getByTestId("approval-message").textContent()).toMatch(new RegExp(`${instance}.*% full`));

      const keepDays = page.getByTestId("approval-input-keepDays");
      await keepDays.fill("365");
      await page.getByTestId("approval-approve").click();
      await page.getByTestId("approval-error-keepDays").waitFor();
      expect(await env.sim.faults({ instanceId: instance, active: true })).toHaveLength(1);

      await keepDays.fill("7");
      await page.getByTestId("approval-approve").click();
      await page.locator('[data-testid="approvals-notice"][data-status="approved"]').waitFor();

      await page.getByTestId("approvals-notice-view").click();
      const answered = page.locator(`[data-testid="approval-detail"][data-status="approved"]`);
      expect(await answered.getByTestId("approval-answered-by").textContent()).toContain("e2e-operator");
      await answered.getByTestId("approval-execution-link").click();
      await page.waitForURL(/\/executions\/[^/?]+/);
      await page.locator('[data-testid="execution-detail"][data-status="succeeded"]').waitFor({ timeout: 20_000 });
      const states = await attributeMap(page.getByTestId("execution-node"), "data-task", "data-state");
      expect(states).toMatchObject({ ask: "succeeded", clean: "succeeded", notify_cleaned: "succeeded", notify_declined: "not-run" });

      const fault = await env.sim.faults({ instanceId: instance });
      expect(fault[0]?.clearedAt).toBeDefined();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
