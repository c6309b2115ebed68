// Signing in to the console in a real browser: a wrong token is refused with a message on the
// sign-in page; the right one leads to the overview, which shows who is signed in and their
// role; a link opened while signed out comes back after signing in; signing out returns to the
// sign-in page.
import { expect, it } from "vitest";
import { openPage, signIn } from "./support/browser.js";
import { describeConsoleWorld } from "./support/suite.js";


describeConsoleWorld("console: signing in", (world) => {
  it("refuses a wrong token with a message and keeps the user on the sign-in page", async () => {
    const { env, browser } = world();
    const { context, page } = await openPage(browser, env.url);
    try {
      await page.goto("/");
      await page.waitForURL(/\/sign-in/);
      await page.getByTestId("sign-in-token").fill("rfx_not-a-real-token");
      await page.getByTestId("sign-in-submit").click();
      await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toMatch(/does not know this token/);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      expect(await page.getByTestId("session-role").count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("signs in with the right token: the overview shows the name and role; signing out returns to sign-in", async () => {
    const { env, browser } = world();
    const { context, page } = await openPage(browser, env.url);
    try {
      await signIn(page, env.adminToken);
      expect(new URL(page.url()).pathname).toBe("/");
      await page.getByTestId("overview").waitFor();
      expect(await page.getByTestId("page-title").textContent()).toMatch(/overview/i);
      expect(await page.getByTestId("session-role").textContent()).toMatch(/admin/i);
      expect((await page.getByTestId("session-name").textContent())?.trim()).not.toBe("");

      await page.getByTestId("sign-out").click();
      await page.waitForURL(/\/sign-in/);
      await page.getByTestId("sign-in-token").waitFor();
    } finally {
      await context.close();
    }
  });

  it("comes back to a shared link after signing in, with a viewer's role", async () => {
    const { env, browser } = world();
    const viewer = await env.json<{ token: string; name: string }>("/api/v1/tokens", { method: "POST", body: { name: "e2e-viewer", role: "viewer" } });
    const { context, page } = await openPage(browser, env.url);
    try {
      await page.goto("/executions?status=succeeded");
      await page.waitForURL(/\/sign-in\?next=/);
      await page.getByTestId("sign-in-token").fill(viewer.token);
      await page.getByTestId("sign-in-submit").click();
      await page.waitForURL((u) => u.pathname === "/executions" && u.searchParams.get("status") === "succeeded");
      expect(await page.getByTestId("session-role").textContent()).toMatch(/viewer/i);
      expect(await page.getByTestId("session-name").textContent()).toContain("e2e-viewer");
    } finally {
      await context.close();
    }
  });
});
