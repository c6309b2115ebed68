// The console's pictures: every page, each at the link that shows it best with the seeded
// data, and what must be on screen before it is taken (so no picture shows a skeleton).
import type { Page } from "playwright-core";
import type { SeedData } from "./seed-data.js";

/** One picture. */
export interface Shot {
  /** File name under docs/screenshots/, without `.png`. */
  file: string;
  /** The console path to open. */
  path: string;
  /** A CSS selector that appears once the page shows its data. */
  ready: string;
  theme: "light" | "dark";
  /** Something to do before the picture (open a panel, scroll). */
  prepare?: (page: Page) => Promise<void>;
}

const testId = (id: string, extra = ""): string => `[data-testid="${id}"]${extra}`;

/** Every picture, light theme first, then the dark ones. */
export function shotsFor(data: SeedData): Shot[] {
  const execution = `/executions/${encodeURIComponent(data.executionId)}`;
  const light: Omit<Shot, "theme">[] = [
    { file: "overview", path: "/", ready: testId("overview-cards") },
    { file: "events", path: "/events", ready: testId("events-row-link") },
    { file: "event-detail", path: `/events/${encodeURIComponent(data.eventId)}`, ready: testId("event-detail") },
    { file: "rules", path: "/rules", ready: testId("rules-row-link") },
    { file: "rule-detail", path: `/rules/c-ping-unreachable?event=${encodeURIComponent(data.eventId)}`, ready: testId("rule-test-result", '[data-state="match"]') },
    { file: "executions", path: "/executions", ready: testId("executions-row-link") },
    { file: "execution-graph", path: `${execution}?task=restart_process`, ready: `${testId("execution-detail", '[data-status="succeeded"]')} ${testId("execution-task-panel")}` },
    { file: "approvals", path: `/approvals?id=${encodeURIComponent(data.approvalId)}`, ready: testId("approval-form") },
    { file: "dead-letters", path: `/dead-letters?id=${encodeURIComponent(data.deadLetterId)}`, ready: `${testId("dead-letter-inspector")} ${testId("dead-letter-attempt")}` },
    { file: "fleet", path: "/fleet", ready: testId("fleet-instance-row") },
    { file: "drills", path: "/drills", ready: testId("drill-card") },
    { file: "drill-run", path: `/drills/runs/${encodeURIComponent(data.drillRunId)}`, ready: testId("drill-run-summary") },
  ];
  const dark: Omit<Shot, "theme">[] = [
    { file: "overview-dark", path: "/", ready: testId("overview-cards") },
    { file: "execution-graph-dark", path: `${execution}?task=restart_process`, ready: `${testId("execution-detail", '[data-status="succeeded"]')} ${testId("execution-task-panel")}` },
  ];
  return [...light.map((s) => ({ ...s, theme: "light" as const })), ...dark.map((s) => ({ ...s, theme: "dark" as const }))];
}

/** Opens the shot's page and waits until it shows its data: the ready element, no skeletons, fonts loaded. */
export async function showShot(page: Page, shot: Shot): Promise<void> {
  await page.goto(shot.path);
  await page.locator(shot.ready).first().waitFor({ timeout: 20_000 });
  // Strings, not functions: they run in the page, and this project's TypeScript has no DOM types.
  await page.waitForFunction(`document.querySelectorAll('.skeleton, [data-testid="loading"], [aria-busy="true"]').length === 0`, undefined, { timeout: 20_000 });
  await page.evaluate("document.fonts.ready.then(() => true)");
  if (shot.prepare) await shot.prepare(page);
}
