// Rules written through the API: checked like config documents, stored, in force at once on
// the node that wrote them and on every other node after its next look at the rules version;
// a name that a config file defines is refused, naming the file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { ConflictError, NotFoundError } from "../../src/core/errors.js";
import { RuleInvalidError } from "../../src/rules/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { configFrom, engineFor } from "./support.js";

let store: Store;
let cleanup: () => Promise<void>;
const clock = new ManualClock();

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

const body = (source: string) => ({ pattern: { source: [source] }, labels: { via: "api" }, targets: [{ type: "workflow", workflow: "w" }] });

describe("API rules", () => {
  it("puts a rule in force on the writing node at once and on another node after it looks", async () => {
    const config = await configFrom("kind: Rule\nname: from-file\npattern: {source: [f]}\ntargets: [{type: workflow, workflow: w}]");
    const a = engineFor(store, clock, config).engine;
    const b = engineFor(store, clock, config).engine;
    await b.sync.refresh();

    expect(await a.rules.put("api-one", body("one"))).toMatchObject({ created: true, rule: { name: "api-one", origin: "api", labels: { via: "api" } } });
    expect(a.registry.match("default", { source: "one" })).toEqual(["api-one"]);
    expect(() => b.rules.get("api-one")).toThrow(NotFoundError);
    await b.sync.refresh();
    expect(b.rules.get("api-one")).toMatchObject({ name: "api-one", origin: "api", bus: "default", enabled: true });
    expect(b.registry.match("default", { source: "one" })).toEqual(["api-one"]);

    expect(await a.rules.put("api-one", body("uno"))).toMatchObject({ created: false });
    await b.sync.refresh();
    expect(b.registry.match("default", { source: "one" })).toEqual([]);
    expect(b.registry.match("default", { source: "uno" })).toEqual(["api-one"]);
    expect(b.rules.list().map((r) => [r.name, r.origin === "api" ? "api" : "file"])).toEqual([
      ["api-one", "api"],
      ["from-file", "file"],
    ]);

    await b.rules.remove("api-one");
    await a.sync.refresh();
    expect(a.registry.match("default", { source: "uno" })).toEqual([]);
    await expect(a.rules.remove("api-one")).rejects.toThrow(NotFoundError);
  });

  it("refuses a name a config file defines, naming the file", async () => {
    const config = await configFrom("kind: Rule\nname: taken\npattern: {source: [f]}\ntargets: [{type: workflow, workflow: w}]");
    const { engine } = engineFor(store, clock, config);
    await expect(engine.rules.put("taken", body("x"))).rejects.toThrow(ConflictError);
    await expect(engine.rules.put("taken", body("x"))).rejects.toThrow(/rule 'taken' is defined in .*config\.yaml:1:1 and can only be changed there/);
    await expect(engine.rules.remove("taken")).rejects.toThrow(/can only be deleted there/);
  });

  it("refuses an invalid rule with every problem and its pointer", async () => {
    const { engine } = engineFor(store, clock, await configFrom("kind: Bus\nname: ops"));
    const error = await engine.rules
      .put("broken", { pattern: { source: [{ prefix: 1 }] }, targets: [{ type: "http", url: "ftp://x" }] })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RuleInvalidError);
    const problems = (error as RuleInvalidError).problems.map((p) => p.pointer).sort();
    expect(problems).toEqual(["/pattern/source/0/prefix", "/targets/0/url"]);
    expect((error as RuleInvalidError).message).toMatch(/rule 'broken' is not valid: .* \(and 1 more problem\)/);
    // References are checked against the configuration in force.
    await expect(engine.rules.put("broken", { ...body("x"), bus: "nowhere" })).rejects.toThrow(/\/bus: bus 'nowhere' is not declared/);
    expect(await store.db.selectFrom("rules").select("name").where("name", "=", "broken").execute()).toEqual([]);
  });
});
