// The registry of rules in force: the seed patterns work verbatim as rules; file and API rules
// are joined (the file wins a name clash); updates touch only the rules that changed; disabled
// rules match nothing but stay readable.
import { describe, expect, it } from "vitest";
import type { ReflexConfig } from "../../src/config/index.js";
import type { RuleSpec } from "../../src/config/index.js";
import { RuleRegistry, ruleSpecHash } from "../../src/rules/index.js";
import { configFrom } from "./support.js";

const cvm = (subject: string, extra: Record<string, unknown> = {}) => ({
  specversion: "1.0",
  id: `e-${subject}`,
  source: "cvm.cloud.tencent",
  type: "cvm:ErrorEvent:PingUnreachable",
  subject,
  region: "ap-guangzhou",
  data: { instanceId: subject },
  ...extra,
});

const rule = (name: string, pattern: string, extra = "") => `kind: Rule\nname: ${name}\npattern: ${pattern}\n${extra}targets: [{type: workflow, workflow: heal}]`;

describe("RuleRegistry", () => {
  it("runs the seed patterns verbatim", async () => {
    const config = await configFrom(
      rule("by-region", "{source: cvm.cloud.tencent, region: ap-guangzhou}"),
      rule("by-subjects", '{source: cvm.cloud.tencent, subject: ["ins-xxxxxx", "ins-yyyyyy"]}'),
      rule("by-type", '{source: ["cvm.cloud.tencent"], type: ["cvm:ErrorEvent:PingUnreachable"]}'),
    );
    const registry = new RuleRegistry();
    registry.applyConfig(config);
    expect(registry.match("default", cvm("ins-xxxxxx"))).toEqual(["by-region", "by-subjects", "by-type"]);
    expect(registry.match("default", cvm("ins-zzzzzz", { region: "ap-shanghai" }))).toEqual(["by-type"]);
    expect(registry.match("default", cvm("ins-yyyyyy", { type: "cvm:ErrorEvent:DiskReadonly" }))).toEqual(["by-region", "by-subjects"]);
    expect(registry.match("other-bus", cvm("ins-xxxxxx"))).toEqual([]);
  });

  it("joins API rules with file rules; a file rule wins a name clash, with a warning", async () => {
    const warnings: string[] = [];
    const registry = new RuleRegistry((m) => warnings.push(m));
    registry.applyConfig(await configFrom(rule("shared", "{source: [file]}")));
    const api = (await configFrom(rule("shared", "{source: [api]}"), rule("own", "{source: [api]}"))).rules;
    registry.applyApiRules(apiRules(api));
    expect(registry.match("default", { source: "api" })).toEqual(["own"]);
    expect(registry.match("default", { source: "file" })).toEqual(["shared"]);
    expect(registry.get("shared")?.origin).toMatchObject({ line: 1 });
    expect(registry.get("own")?.origin).toBe("api");
    expect(warnings).toEqual([expect.stringContaining("API rule 'shared' is set aside")]);
    // Once the file rule is gone, the API rule comes into force.
    registry.applyConfig(await configFrom("kind: Bus\nname: ops"));
    expect(registry.match("default", { source: "api" })).toEqual(["own", "shared"]);
    expect(registry.fileOrigin("shared")).toBeUndefined();
  });

  it("recompiles only changed rules, and follows a rule to another bus", async () => {
    const registry = new RuleRegistry();
    const first = await configFrom("kind: Bus\nname: ops", rule("a", "{source: [x]}"), rule("b", "{source: [y]}"));
    registry.applyConfig(first);
    const a = registry.get("a");
    const b = registry.get("b");
    const second = await configFrom("kind: Bus\nname: ops", rule("a", "{source: [x]}"), rule("b", "{source: [y]}", "bus: ops\n"));
    registry.applyConfig(second);
    expect(registry.get("a")?.targets).toBe(a?.targets); // unchanged: its compiled templates are kept
    expect(registry.get("b")).not.toBe(b);
    expect(registry.match("default", { source: "y" })).toEqual([]);
    expect(registry.match("ops", { source: "y" })).toEqual(["b"]);
    registry.applyConfig(await configFrom("kind: Bus\nname: ops", rule("a", "{source: [x]}")));
    expect(registry.match("ops", { source: "y" })).toEqual([]);
    expect(registry.list().map((r) => r.spec.name)).toEqual(["a"]);
  });

  it("keeps a disabled rule readable but out of matching", async () => {
    const registry = new RuleRegistry();
    registry.applyConfig(await configFrom(rule("off", "{source: [x]}", "enabled: false\n")));
    expect(registry.match("default", { source: "x" })).toEqual([]);
    expect(registry.get("off")?.spec.enabled).toBe(false);
  });
});

function apiRules(rules: ReflexConfig["rules"]): Map<string, { spec: RuleSpec; hash: string }> {
  return new Map([...rules].map(([name, spec]) => [name, { spec, hash: ruleSpecHash(spec) }]));
}
