// Chromium for the console's browser tests and screenshots, driven by playwright-core (no
// downloaded browser: the system's Chromium, /usr/bin/chromium on Debian, or CHROMIUM_PATH),
// with a fresh context per test, and signing in the way a person does.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";

/** Where Chromium is looked for. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Whether the browser tests can run here. */
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** Laptop-sized by default, the size the screenshots use. */
export const VIEWPORT = { width: 1440, height: 900 };

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox"], headless: true });
}

/** Options of `openPage`. */
export interface OpenPageOptions {
  theme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** Milliseconds Playwright waits for an element or a state before failing (default 10 s). */
  timeoutMs?: number;
}

/** A fresh browser context (no stored session) with one page on `baseUrl`. */
export async function openPage(browser: Browser, baseUrl: string, options: OpenPageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport ?? VIEWPORT, colorScheme: options.theme ?? "light", locale: "en-US", timezoneId: "UTC" });
  context.setDefaultTimeout(options.timeoutMs ?? 10_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the sign-in page with `token` and waits for the signed-in shell. */
export async function signIn(page: Page, token: string, next = "/"): Promise<void> {
  await page.goto(`/sign-in${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`);
  await page.getByTestId("sign-in-token").fill(token);
  await page.getByTestId("sign-in-submit").click();
  await page.getByTestId("session-role").waitFor();
}

/**
 * Script errors, console errors and server errors (5xx) of a page from now on, to assert there
 * were none. Refused requests (4xx) are left out: the sign-in page asks who an absent token is.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(`console: ${msg.text()}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 500) errors.push(`${res.request().method()} ${res.url()} answered ${res.status()}`);
  });
  return errors;
}

/** `attribute → value` of every element `locator` matches, keyed by `key`'s value (e.g. graph nodes: task → state). */
export async function attributeMap(locator: Locator, key: string, value: string): Promise<Record<string, string | null>> {
  const entries = await Promise.all((await locator.all()).map(async (el) => [(await el.getAttribute(key)) ?? "", await el.getAttribute(value)] as const));
  return Object.fromEntries(entries);
}

/** The values of `attribute` on every element `locator` matches, in document order. */
export async function attributeList(locator: Locator, attribute: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((el) => el.getAttribute(attribute)));
}
