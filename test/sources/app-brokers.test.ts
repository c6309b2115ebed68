// Broker sources in the running platform: `reflex up`'s composition (the worker role) consumes
// a declared source, so a message published to each real broker becomes a stored event that
// rules see — the path issue 5 asks for, not just the source manager on its own.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { BROKER_TYPES, brokerFixture } from "./support/brokers.js";
import type { BrokerFixture } from "./support/brokers.js";

const fixtures: BrokerFixture[] = [];
let reflex: TestReflex;
let dir: string;

function sourceDoc(name: string, fixture: BrokerFixture): string {
  const fields = Object.entries(fixture.source).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return ["kind: Source", `name: ${name}`, `type: ${fixture.type}`, ...fields].join("\n");
}

beforeAll(async () => {
  for (const type of BROKER_TYPES) fixtures.push(await brokerFixture(type, `app_${type}`));
  dir = writeConfigDir({ "brokers.yaml": fixtures.map((f) => sourceDoc(`from-${f.type}`, f)).join("\n---\n") });
  reflex = await startTestReflex({ configDir: dir });
});
afterAll(async () => {
  await reflex?.stop();
  for (const fixture of fixtures) await fixture.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("broker sources in reflex up", () => {
  it.each(BROKER_TYPES)("stores what is published to %s", async (type) => {
    const fixture = fixtures.find((f) => f.type === type);
    if (!fixture) throw new Error(`no fixture for ${type}`);
    const id = `app-${type}-${Date.now()}`;
    await fixture.publish([JSON.stringify({ specversion: "1.0", id, source: `test.${type}`, type: "app.test", subject: "ins-1", data: { n: 1 } })]);
    const stored = await waitFor(
      async () => (await reflex.reflex.store.db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirst()) ?? undefined,
      `the ${type} message to be stored`,
      20_000,
    );
    expect(stored).toMatchObject({ source: `test.${type}`, type: "app.test", subject: "ins-1" });
  });
});
