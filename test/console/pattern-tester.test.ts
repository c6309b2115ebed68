// The pattern tester on a rule's page, as someone checks "would this rule catch that event?":
// from the Rules list to seed rule c's page, a pasted ping-unreachable alarm matches, the
// "resolved" alarm that follows it does not (the explanation names the failing `status`
// condition and the event's value), and a pattern edited into something invalid shows
// the server's problem with the JSON pointer of the bad part; "Use the rule's" brings the
// saved pattern back.
import { expect, it } from "vitest";
import { collectPageErrors, openPage, signIn } from "./support/browser.js";
import { describeConsoleWorld } from "./support/suite.js";


const alarm = (status: string): string =>
  JSON.stringify({ specversion: "1.0", id: `e2e-${status}`, source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-e2e", status, region: "ap-guangzhou", data: { instanceId: "ins-e2e" } }, null, 2);

describeConsoleWorld("console: the pattern tester", (world) => {
  it("answers match and no match for pasted events, and shows an invalid pattern's problem with its pointer", async () => {
    const { env, browser } = world();
    const { context, page } = await openPage(browser, env.url);
    try {
      await signIn(page, env.adminToken, "/rules");
      const errors = collectPageErrors(page);
      await page.getByTestId("rules-row-link").filter({ hasText: /^c-ping-unreachable$/ }).click();
      await page.waitForURL(/\/rules\/c-ping-unreachable/);
      const tester = page.getByTestId("rule-tester");
      const result = tester.getByTestId("rule-test-result");
      expect(await tester.getByTestId("rule-test-pattern").inputValue()).toContain("cvm:ErrorEvent:PingUnreachable");

      await tester.getByTestId("rule-test-mode-paste").click();
      await tester.getByTestId("rule-test-event-json").fill(alarm("1"));
      await tester.locator('[data-testid="rule-test-result"][data-state="match"]').waitFor();
      expect(await result.textContent()).toMatch(/Matches/);

      expect(await tester.locator('[data-testid="rule-test-condition"][data-holds="yes"]').count()).toBe(3);

      await tester.getByTestId("rule-test-event-json").fill(alarm("0"));
      await tester.locator('[data-testid="rule-test-result"][data-state="no-match"]').waitFor();
      expect(await result.textContent()).toMatch(/No match/);
      const failing = tester.locator('[data-testid="rule-test-condition"][data-holds="no"]');
      await failing.waitFor();
      expect(await failing.count()).toBe(1);
      expect(await failing.textContent()).toMatch(/\/status.*\["1"\].*"0"/);

      await tester.getByTestId("rule-test-pattern").fill(JSON.stringify({ source: ["cvm.cloud.tencent"], data: { load: [{ numeric: [">", "ninety"] }] } }));
      await tester.locator('[data-testid="rule-test-result"][data-state="problem"]').waitFor();
      expect(await result.textContent()).toMatch(/not valid.*\/data\/load\/0\/numeric\/1/);

      await tester.getByTestId("rule-test-pattern-reset").click();
      await tester.locator('[data-testid="rule-test-result"][data-state="no-match"]').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
