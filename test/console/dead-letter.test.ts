// Re-driving a dead letter from the console. A rule written through the API sends matching
// events to a webhook on a loopback port nothing listens on, with one attempt: the delivery
// dies at once. In the Dead letters page the operator opens it (rule, last error, the refused
// attempt), re-drives it while the endpoint is still down (a second refused attempt is
// recorded and it dies again), then once the endpoint is up re-drives it again: it is
// delivered, the receiver gets the event, and the dead-letter list is empty.
import { afterAll, expect, it } from "vitest";
import { waitFor } from "../support/reflex.js";
import { attributeList, collectPageErrors, openPage, signIn } from "./support/browser.js";
import { describeConsoleWorld } from "./support/suite.js";
import { closedPort, listenOn } from "./support/receiver.js";
import type { Receiver } from "./support/receiver.js";

let receiver: Receiver | undefined;

describeConsoleWorld("console: re-driving a dead letter", (world) => {
  afterAll(async () => {
    await receiver?.close();
  });

  it("shows the dead letter with its error and attempts, re-drives it, and it is delivered", async () => {
    const { env, browser } = world();
    const port = await closedPort();
    await env.json("/api/v1/rules/e2e-webhook", {
      method: "PUT",
      body: {
        description: "Sends e2e alarms to a webhook that is down",
        pattern: { source: ["e2e.console"] },
        targets: [{ name: "hook", type: "http", url: `http://127.0.0.1:${port}/hook`, retry: { attempts: 1 } }],
      },
    });
    await env.json("/api/v1/events", { method: "POST", body: { specversion: "1.0", id: "e2e-dead-1", source: "e2e.console", type: "e2e.alarm", subject: "ins-e2e" }, expectStatus: 202 });
    await waitFor(async () => {
      const dead = await env.json<{ items: unknown[] }>("/api/v1/deliveries?status=dead&rule=e2e-webhook");
      return dead.items.length === 1 ? true : undefined;
    }, "the delivery to die");

    const { context, page } = await openPage(browser, env.url);
    try {
      await signIn(page, env.adminToken, "/dead-letters");
      const errors = collectPageErrors(page);
      const row = page.getByTestId("dead-letter-row").filter({ hasText: "e2e-webhook" });
      await row.getByTestId("dead-letter-open").click();
      const inspector = page.getByTestId("dead-letter-inspector");
      await inspector.getByTestId("dead-letter-status").filter({ hasText: /dead/i }).waitFor();
      expect(await inspector.getByTestId("dead-letter-rule-link").textContent()).toBe("e2e-webhook");
      expect(await inspector.getByTestId("dead-letter-last-error").textContent()).toMatch(/ECONNREFUSED|refused|connect/i);
      expect(await inspector.getByTestId("dead-letter-attempt").count()).toBe(1);

      // The endpoint is still down: the re-drive's attempt is recorded, and it dies again.
      await inspector.getByTestId("dead-letter-redrive").click();
      await inspector.getByTestId("dead-letter-redrive").click();
      await expect.poll(() => inspector.getByTestId("dead-letter-attempt").count(), { timeout: 10_000 }).toBe(2);
      await inspector.getByTestId("dead-letter-status").filter({ hasText: /dead/i }).waitFor();
      expect(await inspector.getByTestId("dead-letter-attempt-count").textContent()).toMatch(/re-driven 1 time\b/);

      // Up now: the second re-drive is delivered.
      receiver = await listenOn(port);
      await inspector.getByTestId("dead-letter-redrive").click();
      await inspector.getByTestId("dead-letter-redrive").click();
      await inspector.getByTestId("dead-letter-status").filter({ hasText: /delivered/i }).waitFor({ timeout: 15_000 });
      await expect.poll(() => attributeList(inspector.getByTestId("dead-letter-attempt"), "data-outcome")).toEqual(["failed", "failed", "delivered"]);
      expect(receiver.bodies).toHaveLength(1);
      expect(JSON.parse(receiver.bodies[0] ?? "{}")).toMatchObject({ id: "e2e-dead-1", source: "e2e.console" });

      await page.getByTestId("dead-letters-refresh").click();
      await page.getByTestId("dead-letter-row").filter({ hasText: "e2e-webhook" }).waitFor({ state: "detached" });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
