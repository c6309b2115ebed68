// The rules API on a running Reflex: rules in force with their origin, API rules written and
// deleted by operators (409 for a config file's name, 400 with pointers for a bad body, 403
// for a viewer), a match delivered and shown in the event's lineage, a backtest that delivers
// nothing, and the rules metrics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";
import { Receiver } from "../rules/support.js";

let t: TestReflex;
const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
  const dir = writeConfigDir({
    "rules.yaml": `kind: Rule
name: from-file
pattern: {source: [file.test]}
targets: [{type: http, url: "${receiver.url}/file"}]
`,
  });
  t = await startTestReflex({ configDir: dir });
});
afterAll(async () => {
  await t.stop();
  await receiver.stop();
});

const json = (method: string, body: unknown, token?: string) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(token ? { token } : {}) });
const apiRule = (source: string, path: string) => ({
  pattern: { source, type: [{ prefix: "alarm." }] },
  labels: { team: "sre" },
  targets: [{ name: "hook", type: "http", url: `${receiver.url}${path}`, body: { text: "{{ event.subject & ' ' & rule.labels.team }}" } }],
});

describe("rules API", () => {
  it("lists the rules in force with their origin, and writes API rules", async () => {
    const created = await t.api("/api/v1/rules/from-api", json("PUT", apiRule("api.test", "/api")));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "from-api", origin: "api", bus: "default", enabled: true, labels: { team: "sre" } });
    expect((await t.api("/api/v1/rules/from-api", json("PUT", apiRule("api.test", "/api2")))).status).toBe(200);

    const list = (await (await t.api("/api/v1/rules")).json()) as { items: { name: string; origin: unknown; targets: { url?: string }[] }[] };
    expect(list.items.map((r) => r.name)).toEqual(["from-api", "from-file"]);
    expect(list.items[1]?.origin).toMatchObject({ file: expect.stringMatching(/rules\.yaml$/), line: 1, col: 1 });
    expect(list.items[0]?.targets[0]?.url).toBe(`${receiver.url}/api2`);

    const clash = await t.api("/api/v1/rules/from-file", json("PUT", apiRule("x", "/x")));
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { detail: string }).detail).toMatch(/rule 'from-file' is defined in .*rules\.yaml:1:1/);

    const bad = await t.api("/api/v1/rules/broken", json("PUT", { pattern: { source: [{ numeric: [">", "x"] }] }, targets: [{ type: "http", url: "ftp://x" }] }));
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { code: string; errors: { pointer: string }[] };
    expect(problem.code).toBe("invalid_rule");
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(["/pattern/source/0/numeric/1", "/targets/0/url"]);

    const viewer = (await (await t.api("/api/v1/tokens", json("POST", { name: "rules-viewer", role: "viewer" }))).json()) as { token: string };
    expect((await t.api("/api/v1/rules/other", json("PUT", apiRule("x", "/x"), viewer.token))).status).toBe(403);
    expect((await t.api("/api/v1/rules", { token: viewer.token })).status).toBe(200);

    expect((await t.api("/api/v1/rules/from-api", { method: "DELETE" })).status).toBe(204);
    expect((await t.api("/api/v1/rules/from-api")).status).toBe(404);
    expect((await t.api("/api/v1/rules/from-api", { method: "DELETE" })).status).toBe(404);
  });

  it("delivers a match and shows it in the event's lineage and the metrics", async () => {
    expect((await t.api("/api/v1/rules/lineage", json("PUT", apiRule("lineage.test", "/lineage")))).status).toBe(201);
    const sent = await t.api("/api/v1/events", json("POST", { id: "ln-1", source: "lineage.test", type: "alarm.cpu", subject: "ins-7" }));
    expect(sent.status).toBe(202);
    const event = await waitFor(async () => {
      const body = (await (await t.api("/api/v1/events/ln-1")).json()) as { lineage: { matches: { rule: string; status: string }[]; deliveries: { status: string; target: string; attemptCount: number }[] } };
      return body.lineage.deliveries[0]?.status === "delivered" ? body : undefined;
    }, "the delivery to succeed");
    expect(event.lineage.matches).toEqual([expect.objectContaining({ rule: "lineage", status: "delivered" })]);
    expect(event.lineage.deliveries).toEqual([expect.objectContaining({ rule: "lineage", target: "hook", attemptCount: 1 })]);
    expect(JSON.parse(receiver.requests.find((r) => r.url === "/lineage")?.body ?? "")).toEqual({ text: "ins-7 sre" });

    const metrics = await (await t.api("/metrics")).text();
    expect(metrics).toContain('reflex_rule_matches_total{bus="default",rule="lineage",outcome="delivered"} 1');
    expect(metrics).toContain('reflex_deliveries_total{type="http",outcome="delivered"}');
  });

  it("backtests a rule over stored events without delivering anything", async () => {
    const events = [1, 2, 3].map((i) => ({ id: `bt-${i}`, source: "backtest.test", type: i === 2 ? "other" : "alarm.disk", subject: `ins-${i}`, time: `2026-03-0${i}T00:00:00Z` }));
    expect((await t.api("/api/v1/events", json("POST", events))).status).toBe(202);
    expect((await t.api("/api/v1/rules/later", json("PUT", apiRule("backtest.test", "/backtest")))).status).toBe(201);
    const res = await t.api("/api/v1/rules/later/backtest", json("POST", { from: "2026-03-01T00:00:00Z", to: "2026-03-31T00:00:00Z" }));
    expect(res.status).toBe(200);
    const result = (await res.json()) as { scanned: number; matched: number; items: { event: { id: string }; targets: { request: { body: unknown } }[] }[] };
    expect(result).toMatchObject({ scanned: 3, matched: 2 });
    expect(result.items.map((i) => [i.event.id, i.targets[0]?.request.body])).toEqual([
      ["bt-1", { text: "ins-1 sre" }],
      ["bt-3", { text: "ins-3 sre" }],
    ]);
    expect(receiver.requests.filter((r) => r.url === "/backtest")).toEqual([]);
    expect((await t.api("/api/v1/rules/nope/backtest", json("POST", { from: "7d" }))).status).toBe(404);
  });

  it("describes the rules and deliveries routes in the OpenAPI document", async () => {
    const doc = (await (await t.api("/api/v1/openapi.json")).json()) as { paths: Record<string, object> };
    for (const path of ["/api/v1/rules", "/api/v1/rules/{name}", "/api/v1/rules/{name}/backtest", "/api/v1/deliveries", "/api/v1/deliveries/{id}", "/api/v1/deliveries/{id}/retry"]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });
});
