// `validateRuleDocument`: the HTTP API's path for a rule given as JSON. It runs the same checks
// as a YAML document in a config directory — same specs, same pointers, same messages — with
// `kind` optional, the name from the URL, references checked against a given config, and no
// throw whatever the body holds.
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { ReflexConfig } from "../../src/config/index.js";
import { emptyConfig, validateRuleDocument } from "../../src/config/index.js";
import { configOf, problemsOf, yaml } from "./fixture.js";

/** A rule body as the API receives it: no `kind`, no `name`. */
const BODY = {
  pattern: { source: "cvm.cloud.tencent", type: ["cvm:ErrorEvent:PingUnreachable"] },
  throttle: { key: "{{ event.subject }}", rate: 1, per: "10m" },
  targets: [
    { name: "chat", type: "http", url: "https://hooks.example.com/x", body: { text: "{{ event.subject }}" } },
    { type: "notify", channel: "ops-webhook", message: "{{ event.type }}" },
  ],
};

/** A config with the `default` bus and one channel, `ops-webhook`. */
function configWithChannel(): ReflexConfig {
  const config = emptyConfig();
  const channel = { name: "ops-webhook", type: "webhook" as const, url: "https://hooks.example.com/ops", headers: {} };
  return { ...config, channels: new Map([[channel.name, channel]]) };
}

describe("validateRuleDocument", () => {
  it("builds the same spec from a JSON body as from the YAML document", async () => {
    const fromJson = validateRuleDocument(BODY, { name: "cvm-ping", config: configWithChannel() });
    expect(fromJson.problems).toEqual([]);
    const config = await configOf({
      "c.yaml": yaml("kind: Channel", "name: ops-webhook", "type: webhook", "url: https://hooks.example.com/ops"),
      "r.yaml": JSON.stringify({ kind: "Rule", name: "cvm-ping", ...BODY }),
    });
    expect(fromJson.spec).toEqual(config.rules.get("cvm-ping"));
    expect(fromJson.spec?.throttle).toEqual({ key: "{{ event.subject }}", rate: 1, perMs: 600_000, burst: 1 });
  });

  it("gives the same pointers and messages as the YAML path for invalid rules", async () => {
    const documents = [
      yaml("kind: Rule", "name: a", "pattern: {source: [{prefix: 1}]}", "targets: [{type: workflow, workflow: w}]"),
      yaml("kind: Rule", "name: b", "pattern: {source: x}", "labels: {team: 1}", "targets: [{type: http, urll: x}, {type: queue}]"),
      yaml("kind: Rule", "name: c", "pattern: {source: x}", 'dedupe: {key: "{{ (", within: 0}', "targets: [{type: http, url: 'ftp://x'}]"),
      yaml("kind: Rule", "name: d", "pattern: {source: x}", "targets: [{type: workflow, workflow: w}, {name: t1, type: workflow, workflow: v}]"),
    ];
    for (const text of documents) {
      const viaYaml = (await problemsOf({ "r.yaml": text })).map(({ pointer, message }) => ({ pointer, message }));
      expect(viaYaml.length).toBeGreaterThan(0);
      const viaJson = validateRuleDocument(parse(text));
      expect(viaJson.spec).toBeNull();
      expect(viaJson.problems).toEqual(viaYaml);
    }
  });

  it("takes the name from the options and refuses a body that names another rule", () => {
    expect(validateRuleDocument({ ...BODY, kind: "Rule", name: "same" }, { name: "same" }).spec?.name).toBe("same");
    expect(validateRuleDocument({ ...BODY, name: "other", enabled: "yes" }, { name: "cvm-ping" })).toEqual({
      spec: null,
      problems: [
        { pointer: "/name", message: "'name' is \"other\" but the rule being written is 'cvm-ping'; leave 'name' out or make them the same" },
        { pointer: "/enabled", message: "'enabled' must be a boolean (got 'yes')" },
      ],
    });
    expect(validateRuleDocument(BODY).problems).toEqual([{ pointer: "/name", message: "missing required field 'name'" }]);
    expect(validateRuleDocument(BODY, { name: "bad name" }).problems).toEqual([
      { pointer: "/name", message: "'name' must be a name of 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit (got 'bad name')" },
    ]);
  });

  it("refuses a body that is not an object, or that says it is another kind", () => {
    for (const body of [null, [], "rule", 3]) {
      expect(validateRuleDocument(body, { name: "r" })).toEqual({
        spec: null,
        problems: [{ pointer: "", message: "a rule must be a JSON object with at least 'pattern' and 'targets'" }],
      });
    }
    expect(validateRuleDocument({ ...BODY, kind: "Bus" }, { name: "r" }).problems).toEqual([{ pointer: "/kind", message: "'kind' must be \"Rule\" (got 'Bus')" }]);
  });

  it("checks the bus and channels against the given config, and only then", () => {
    const body = { ...BODY, bus: "opz", targets: [...BODY.targets, { type: "notify", channel: "nowhere" }] };
    expect(validateRuleDocument(body, { name: "r", config: configWithChannel() })).toEqual({
      spec: null,
      problems: [
        { pointer: "/bus", message: "bus 'opz' is not declared; declare it with 'kind: Bus' or use one of: default" },
        { pointer: "/targets/2/channel", message: "channel 'nowhere' is not declared; declare it with 'kind: Channel' or use one of: ops-webhook" },
      ],
    });
    expect(validateRuleDocument(body, { name: "r" }).problems).toEqual([]);
  });

  it("never throws, whatever JSON the body or any of its fields holds", () => {
    const fields = ["pattern", "patternDialect", "throttle", "dedupe", "group", "targets", "labels", "bus", "enabled"] as const;
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...fields), fc.jsonValue(), (whole, field, value) => {
        validateRuleDocument(whole, { name: "r" });
        const result = validateRuleDocument({ ...BODY, [field]: value }, { name: "r", config: configWithChannel() });
        expect(result.spec === null).toBe(result.problems.length > 0);
      }),
      { numRuns: 300 },
    );
    const target = BODY.targets[0];
    fc.assert(
      fc.property(fc.constantFrom("url", "method", "headers", "body", "timeout", "expectStatus", "sign", "retry"), fc.jsonValue(), (field, value) => {
        const result = validateRuleDocument({ ...BODY, targets: [{ ...target, [field]: value }] }, { name: "r" });
        expect(result.spec === null).toBe(result.problems.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
