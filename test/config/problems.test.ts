// Every class of config problem, each at its exact file:line:col. Fixtures are written inline
// with one YAML line per argument of `yaml(…)`, so the expected line numbers can be read off.
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ConfigProblem } from "../../src/config/index.js";
import { formatProblems, loadConfigDir } from "../../src/config/index.js";
import { writeConfigDir } from "../support/config-dir.js";

/** YAML text whose line N is the Nth argument. */
function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Loads `files` and returns the problems with file names relative to the directory. */
async function problemsOf(files: Record<string, string>): Promise<ConfigProblem[]> {
  const dir = writeConfigDir(files);
  dirs.push(dir);
  const { config, problems } = await loadConfigDir(dir);
  if (problems.length > 0) expect(config).toBeNull();
  return problems.map((p) => ({ ...p, file: relative(dir, p.file) }));
}

/** `file:line:col [pointer] message` of each problem, compact for exact assertions. */
async function placesOf(files: Record<string, string>): Promise<string[]> {
  return (await problemsOf(files)).map((p) => `${p.file}:${p.line}:${p.col} [${p.pointer}] ${p.message}`);
}

describe("YAML and document shape", () => {
  it("reports YAML syntax errors at the parser's position and still loads the file's other documents", async () => {
    const files = {
      "a.yaml": yaml(
        "kind: Bus", //
        "name: ops",
        "description: a: b",
        "---",
        "kind: Bus",
        "name: other",
        "validation: sometimes",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "a.yaml:3:14 [] YAML syntax: Nested mappings are not allowed in compact mappings",
      "a.yaml:7:13 [/validation] 'validation' must be one of: off, warn, enforce (got 'sometimes')",
    ]);
  });

  it("reports an alias whose anchor is in another document instead of throwing", async () => {
    const files = { "a.yaml": yaml("kind: Bus", "name: ops", "description: &text words", "---", "kind: Bus", "name: other", "description: *text") };
    const problems = await problemsOf(files);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col}`)).toEqual(["a.yaml:5:1"]);
    expect(problems[0]?.message).toMatch(/^YAML: Unresolved alias .*: text$/);
  });

  it("reports a document that is not a mapping", async () => {
    const files = { "a.yaml": yaml("- kind: Bus", "  name: ops", "---", "just words") };
    expect(await placesOf(files)).toEqual([
      "a.yaml:1:1 [] a config document must be a mapping with 'kind' and 'name'; this one is a list",
      'a.yaml:4:1 [] a config document must be a mapping with \'kind\' and \'name\'; this one is the string "just words"',
    ]);
  });

  it("reports a missing or unknown kind, listing the known kinds and suggesting a near one", async () => {
    const files = {
      "a.yaml": yaml(
        "name: ops", //
        "validation: warn",
        "---",
        "kind: Buss",
        "name: ops",
        "---",
        "kind: Alarm",
        "name: r1",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "a.yaml:1:1 [/kind] missing 'kind'; known kinds: Bus, EventType, Source, Channel, Rule, Workflow, Probe, Schedule, Function, Drill",
      "a.yaml:4:7 [/kind] unknown kind 'Buss'; known kinds: Bus, EventType, Source, Channel, Rule, Workflow, Probe, Schedule, Function, Drill; did you mean 'Bus'?",
      "a.yaml:7:7 [/kind] unknown kind 'Alarm'; known kinds: Bus, EventType, Source, Channel, Rule, Workflow, Probe, Schedule, Function, Drill",
    ]);
  });

  it("reports a missing name at the document and an invalid one at its value", async () => {
    const files = {
      "a.yaml": yaml(
        "kind: Bus", //
        "validation: warn",
        "---",
        "kind: Source",
        "name: '-grafana'",
        "type: cloudevents",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "a.yaml:1:1 [/name] missing required field 'name'",
      "a.yaml:5:7 [/name] 'name' must be a name of 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit (got '-grafana')",
    ]);
  });
});

describe("schema violations", () => {
  it("points a missing field at its parent mapping and a wrong value at the value", async () => {
    const files = {
      "types.yaml": yaml(
        "# the type line is missing",
        "kind: EventType",
        "name: cvm",
        "source: cvm.cloud.tencent",
        "---",
        "kind: Source",
        "name: grafana",
        "type: cloudevents",
        "auth:",
        "  token: {}",
        "  hmacSecret: 42",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "types.yaml:2:1 [/type] missing required field 'type'",
      "types.yaml:10:10 [/auth/token] 'auth.token' must be a secret: an inline string or {env: VARIABLE_NAME} (got a mapping)",
      "types.yaml:11:15 [/auth/hmacSecret] 'auth.hmacSecret' must be a secret: an inline string or {env: VARIABLE_NAME} (got 42)",
    ]);
  });

  it("points an unknown field at its key and suggests the field meant by a near typo", async () => {
    const files = {
      "bus.yaml": yaml(
        "kind: Bus", //
        "name: ops",
        "retenion: {maxAge: 1d}",
        "Validation: warn",
        "retention:",
        "  maxAge: 1d",
        "  maxcount: 10",
        "colour: red",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "bus.yaml:3:1 [/retenion] unknown field 'retenion'; did you mean 'retention'?",
      "bus.yaml:4:1 [/Validation] unknown field 'Validation'; did you mean 'validation'?",
      "bus.yaml:7:3 [/retention/maxcount] unknown field 'maxcount' in 'retention'; did you mean 'maxCount'?",
      "bus.yaml:8:1 [/colour] unknown field 'colour'; allowed: kind, name, description, validation, retention",
    ]);
  });

  it("lists the allowed values of an enum, with a suggestion for a near typo", async () => {
    const files = { "s.yaml": yaml("kind: Source", "name: hook", "type: webhok", "mapping: {source: x, type: y}") };
    expect(await placesOf(files)).toEqual([
      "s.yaml:3:7 [/type] 'type' must be one of: cloudevents, tencent, aliyun, alertmanager, aws, webhook, nats, amqp, mqtt, redis (got 'webhok'); did you mean 'webhook'?",
    ]);
  });

  it("reports durations that do not parse and counts that are out of range", async () => {
    const files = {
      "bus.yaml": yaml(
        "kind: Bus", //
        "name: ops",
        "retention:",
        "  maxAge: 10 days",
        "  maxCount: 0",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "bus.yaml:4:11 [/retention/maxAge] 'retention.maxAge' must be a duration such as 30s, 10m, 7d or 1h30m (or a number of milliseconds) (got '10 days')",
      "bus.yaml:5:13 [/retention/maxCount] 'retention.maxCount' must be a whole number of events, at least 1 (got 0)",
    ]);
  });
});

describe("problems across documents", () => {
  it("reports the same kind and name defined twice, naming both places", async () => {
    const files = {
      "a.yaml": yaml("kind: Bus", "name: ops"),
      "b.yaml": yaml("# again", "kind: Bus", "name: ops", "---", "kind: Source", "name: ops", "type: aws"),
    };
    const problems = await problemsOf(files);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "b.yaml", line: 3, col: 7, pointer: "/name" });
    expect(problems[0]?.message).toMatch(/^Bus 'ops' is defined twice: here and at \/.+\/a\.yaml:2:7; rename or remove one$/);
  });

  it("reports a Source whose bus is not declared, but not one whose Bus has problems of its own", async () => {
    const files = {
      "buses.yaml": yaml("kind: Bus", "name: ops", "---", "kind: Bus", "name: broken", "validation: loud"),
      "sources.yaml": yaml(
        "kind: Source", //
        "name: a",
        "type: aws",
        "bus: opz",
        "---",
        "kind: Source",
        "name: b",
        "type: aws",
        "bus: broken",
        "---",
        "kind: Source",
        "name: c",
        "type: aws",
        "bus: default",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "buses.yaml:6:13 [/validation] 'validation' must be one of: off, warn, enforce (got 'loud')",
      "sources.yaml:4:6 [/bus] bus 'opz' is not declared; declare it with 'kind: Bus' or use one of: default, ops; did you mean 'ops'?",
    ]);
  });

  it("reports two EventTypes for the same source and type at the second, naming the first", async () => {
    const files = {
      "types.yaml": yaml(
        "kind: EventType",
        "name: first",
        "source: cvm.cloud.tencent",
        "type: cvm:Ping",
        "---",
        "kind: EventType",
        "name: second",
        "source: cvm.cloud.tencent",
        "type: cvm:Ping",
        "---",
        "kind: EventType",
        "name: other",
        "source: cvm.cloud.tencent",
        "type: cvm:Pong",
      ),
    };
    const problems = await problemsOf(files);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col} [${p.pointer}]`)).toEqual(["types.yaml:9:7 [/type]"]);
    expect(problems[0]?.message).toMatch(/^EventType 'second' has the same source and type as EventType 'first' \(\/.+\/types\.yaml:1:1\); keep one schema/);
  });
});

describe("EventType schemas", () => {
  it("reports every place a schema breaks the JSON Schema 2020-12 meta-schema", async () => {
    const files = {
      "t.yaml": yaml(
        "kind: EventType",
        "name: cvm",
        "source: cvm.cloud.tencent",
        "type: cvm:Ping",
        "schema:",
        "  type: objec",
        "  required: [instanceId, 3]",
        "  properties:",
        "    instanceId: {minLength: -1}",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "t.yaml:6:9 [/schema/type] not a valid JSON Schema: 'schema.type' must be one of: array, boolean, integer, null, number, object, string (got 'objec'); did you mean 'object'?",
      "t.yaml:7:26 [/schema/required/1] not a valid JSON Schema: 'schema.required.1' must be a string (got 3)",
      "t.yaml:9:29 [/schema/properties/instanceId/minLength] not a valid JSON Schema: 'schema.properties.instanceId.minLength' must be >= 0 (got -1)",
    ]);
  });

  it("refuses a schema written for another draft", async () => {
    const files = {
      "t.yaml": yaml("kind: EventType", "name: cvm", "source: s", "type: t", "schema: {$schema: 'http://json-schema.org/draft-07/schema#', type: object}"),
    };
    expect(await placesOf(files)).toEqual([
      "t.yaml:5:19 [/schema/$schema] schemas here are JSON Schema draft 2020-12: set '$schema' to https://json-schema.org/draft/2020-12/schema or leave it out",
    ]);
  });

  it("reports a schema that fits the meta-schema but does not compile", async () => {
    const files = {
      "t.yaml": yaml(
        "kind: EventType",
        "name: cvm",
        "source: cvm.cloud.tencent",
        "type: cvm:Ping",
        "schema:",
        '  $ref: "#/$defs/missing"',
        "---",
        "kind: EventType",
        "name: ecs",
        "source: acs.ecs",
        "type: Instance:StateChange",
        "schema: {type: string, pattern: '(unclosed'}",
      ),
    };
    const problems = await problemsOf(files);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col} [${p.pointer}]`)).toEqual(["t.yaml:6:3 [/schema]", "t.yaml:12:9 [/schema]"]);
    expect(problems[0]?.message).toMatch(/^JSON Schema does not compile: can't resolve reference #\/\$defs\/missing/);
    expect(problems[1]?.message).toMatch(/^JSON Schema does not compile: Invalid regular expression/);
  });

  it("reports two schemas with the same $id, as one registry could not hold them", async () => {
    const files = {
      "t.yaml": yaml(
        "kind: EventType",
        "name: a",
        "source: s",
        "type: a",
        "schema: {$id: 'https://example.com/ping', type: object}",
        "---",
        "kind: EventType",
        "name: b",
        "source: s",
        "type: b",
        "schema: {$id: 'https://example.com/ping', type: object}",
      ),
    };
    const problems = await problemsOf(files);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col} [${p.pointer}]`)).toEqual(["t.yaml:11:9 [/schema]"]);
    expect(problems[0]?.message).toContain("https://example.com/ping");
  });
});

describe("Source mappings", () => {
  it("requires a mapping with source and type for webhook sources and refuses it for others", async () => {
    const files = {
      "s.yaml": yaml(
        "kind: Source",
        "name: bare-hook",
        "type: webhook",
        "---",
        "kind: Source",
        "name: tencent",
        "type: tencent",
        "mapping: {source: x, type: y}",
        "---",
        "kind: Source",
        "name: half-hook",
        "type: webhook",
        "mapping:",
        '  subject: "{{ body.host }}"',
      ),
    };
    expect(await placesOf(files)).toEqual([
      "s.yaml:1:1 [/mapping] a webhook source needs 'mapping': templates for at least 'source' and 'type' of its events",
      "s.yaml:8:1 [/mapping] 'mapping' is only for type webhook; a tencent source builds its events itself, remove it",
      "s.yaml:14:3 [/mapping/source] 'mapping' needs 'source': the template for the events' source attribute",
      "s.yaml:14:3 [/mapping/type] 'mapping' needs 'type': the template for the events' type attribute",
    ]);
  });

  it("reports each mapping template that does not compile at its string", async () => {
    const files = {
      "s.yaml": yaml(
        "kind: Source",
        "name: grafana",
        "type: webhook",
        "mapping:",
        "  source: grafana",
        '  type: "{{ body.status ( }}"',
        "  data:",
        '    host: "{{ body.labels.[ }}"',
        '    fine: "{{ body.ok }}"',
      ),
    };
    const problems = await problemsOf(files);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col} [${p.pointer}]`)).toEqual([
      "s.yaml:6:9 [/mapping/type]",
      "s.yaml:8:11 [/mapping/data/host]",
    ]);
    expect(problems[0]?.message).toContain("{{ body.status ( }}");
    expect(problems[1]?.message).toContain("{{ body.labels.[ }}");
  });
});

describe("many problems at once", () => {
  it("reports every problem of every file in one run, sorted by file and line", async () => {
    const files = {
      "z.yaml": yaml("kind: Bus", "name: ops", "validation: strict", "retention: {maxAge: soon}"),
      "a/1.yaml": yaml("kind: Sourc", "name: x", "---", "kind: Source", "name: y", "type: aws", "bus: nowhere"),
      "m.yml": yaml("kind: EventType", "name: e", "source: s", "type: t", "schema: {type: 5}", "extra: true"),
    };
    const text = formatProblems(await problemsOf(files));
    expect(text).toBe(
      [
        "a/1.yaml:1:7: unknown kind 'Sourc'; known kinds: Bus, EventType, Source, Channel, Rule, Workflow, Probe, Schedule, Function, Drill; did you mean 'Source'? [/kind]",
        "a/1.yaml:7:6: bus 'nowhere' is not declared; declare it with 'kind: Bus' or use one of: default [/bus]",
        "m.yml:6:1: unknown field 'extra'; allowed: kind, name, description, source, type, schema [/extra]",
        "z.yaml:3:13: 'validation' must be one of: off, warn, enforce (got 'strict') [/validation]",
        "z.yaml:4:21: 'retention.maxAge' must be a duration such as 30s, 10m, 7d or 1h30m (or a number of milliseconds) (got 'soon') [/retention/maxAge]",
      ].join("\n"),
    );
  });
});
