// `npm run screenshots`: pictures of every console page for the README and the docs, taken from
// a real playground (a fresh console build, Reflex, the simulator's fleet, the seed scenarios)
// filled with realistic data, in headless Chromium at 1440×900, light theme plus the overview
// and an execution graph in dark. Writes docs/screenshots/<page>.png. Takes two to four minutes
// (most of it the drill). Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CHROMIUM_PATH, HAS_CHROMIUM, launchChromium, openPage, signIn, VIEWPORT } from "../support/browser.js";
import { startConsoleEnvironment } from "../support/environment.js";
import { seedData } from "./seed-data.js";
import { showShot, shotsFor } from "./shots.js";

const OUT_DIR = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));

function log(line: string): void {
  process.stdout.write(`screenshots: ${line}\n`);
}

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  log("building the console and starting the playground");
  const env = await startConsoleEnvironment({ speed: 50 });
  const browser = await launchChromium();
  try {
    log(`Reflex on ${env.url}`);
    const data = await seedData(env, log);
    mkdirSync(OUT_DIR, { recursive: true });
    const shots = shotsFor(data);
    for (const theme of ["light", "dark"] as const) {
      const { context, page } = await openPage(browser, env.url, { theme, viewport: VIEWPORT, timeoutMs: 20_000 });
      await page.emulateMedia({ reducedMotion: "reduce" });
      try {
        await signIn(page, env.adminToken);
        for (const shot of shots.filter((s) => s.theme === theme)) {
          await showShot(page, shot);
          const file = `${OUT_DIR}${shot.file}.png`;
          await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
          log(`wrote docs/screenshots/${shot.file}.png (${shot.path})`);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await env.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
