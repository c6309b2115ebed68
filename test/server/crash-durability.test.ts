// An acknowledged event is durable: a `kill -9` of the server right after its 202 loses none
// of the acknowledged events (on SQLite and on PostgreSQL, whichever this run uses).
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { findEventsById } from "../../src/store/event-repository.js";
import { spawnReflex } from "../support/child-reflex.js";
import { makeToken } from "../support/reflex.js";
import { allocateTestDatabase } from "../support/store.js";

const database = allocateTestDatabase();
afterAll(async () => database.drop());

describe("kill -9 after acknowledgement", () => {
  it("loses none of the acknowledged events", async () => {
    const token = makeToken();
    const reflex = await spawnReflex([], { ...database.env, REFLEX_ADMIN_TOKEN: token });
    const acked: string[] = [];
    let killed = false;
    const ackTarget = 400;

    const sender = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        const batch = i % 3 === 0;
        const ids = batch ? Array.from({ length: 10 }, (_, k) => `l${lane}-${i}-${k}`) : [`l${lane}-${i}`];
        const events = ids.map((id) => ({ id, source: "crash.test", type: "tick", data: { lane, i } }));
        let res: Response;
        try {
          res = await fetch(`${reflex.url}/api/v1/events`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": batch ? "application/cloudevents-batch+json" : "application/cloudevents+json" },
            body: JSON.stringify(batch ? events : events[0]),
          });
        } catch {
          return; // the server is gone
        }
        if (res.status !== 202) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        acked.push(...ids);
        if (acked.length >= ackTarget && !killed) {
          killed = true;
          reflex.child.kill("SIGKILL"); // right after this 202, with other requests in flight
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, lane) => sender(lane)));
    await reflex.exited;

    const store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema });
    try {
      const missing: string[] = [];
      for (const id of acked) {
        if ((await findEventsById(store.db, id, { bus: "default", source: "crash.test" })).length !== 1) missing.push(id);
      }
      expect(acked.length).toBeGreaterThanOrEqual(ackTarget);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
