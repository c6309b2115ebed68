// Loading valid config directories: every file under the directory, nested and multi-document,
// becomes typed specs with defaults filled in; the default bus is always there; empty,
// missing and odd directories behave as documented.
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative as relativePath } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emptyConfig, loadConfigDir } from "../../src/config/index.js";
import { writeConfigDir } from "../support/config-dir.js";

/** YAML text whose line N is the Nth argument. */
function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

const dirs: string[] = [];
function configDir(files: Record<string, string>): string {
  const dir = writeConfigDir(files);
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("loadConfigDir on valid directories", () => {
  it("loads nested, multi-document .yaml and .yml files into typed specs with defaults", async () => {
    const dir = configDir({
      "buses.yaml": yaml(
        "kind: Bus",
        "name: ops",
        "description: operations events",
        "validation: enforce",
        "retention: {maxAge: 30d, maxCount: 1000000}",
        "---",
        "kind: Bus",
        "name: quiet",
      ),
      "types/cvm.yml": yaml(
        "# Tencent CVM events",
        "---",
        "kind: EventType",
        "name: cvm-ping-unreachable",
        "source: cvm.cloud.tencent",
        'type: "cvm:ErrorEvent:PingUnreachable"',
        "schema: {type: object, required: [instanceId], properties: {instanceId: {type: string}}}",
        "---",
      ),
      "sources/grafana.yaml": yaml(
        "kind: Source",
        "name: grafana",
        "type: webhook",
        "bus: ops",
        'auth: {token: {env: GRAFANA_TOKEN}, hmacSecret: "s3cret"}',
        "mapping:",
        "  source: grafana",
        '  type: "{{ body.status }}"',
        '  subject: "{{ body.commonLabels.instance }}"',
        '  data: "{{ body }}"',
      ),
      "sources/tencent.yaml": yaml("kind: Source", "name: tencent", "type: tencent"),
      "README.md": "not config",
    });
    const { config, problems } = await loadConfigDir(dir);
    expect(problems).toEqual([]);
    expect(config).not.toBeNull();
    if (config === null) return;
    expect([...config.buses.keys()]).toEqual(["default", "ops", "quiet"]);
    expect(config.buses.get("default")).toEqual({ name: "default", validation: "warn" });
    expect(config.buses.get("ops")).toEqual({
      name: "ops",
      description: "operations events",
      validation: "enforce",
      retention: { maxAgeMs: 30 * 86_400_000, maxCount: 1_000_000 },
    });
    expect(config.buses.get("quiet")).toEqual({ name: "quiet", validation: "warn" });
    expect(config.eventTypes).toEqual([
      {
        name: "cvm-ping-unreachable",
        source: "cvm.cloud.tencent",
        type: "cvm:ErrorEvent:PingUnreachable",
        schema: { type: "object", required: ["instanceId"], properties: { instanceId: { type: "string" } } },
      },
    ]);
    expect(config.sources.get("grafana")).toEqual({
      name: "grafana",
      type: "webhook",
      bus: "ops",
      auth: { token: { env: "GRAFANA_TOKEN" }, hmacSecret: "s3cret" },
      mapping: { source: "grafana", type: "{{ body.status }}", subject: "{{ body.commonLabels.instance }}", data: "{{ body }}" },
    });
    expect(config.sources.get("tencent")).toEqual({ name: "tencent", type: "tencent", bus: "default" });
    expect(config.origins.get("Bus/quiet")).toEqual({ file: join(dir, "buses.yaml"), line: 7, col: 1 });
    expect(config.origins.get("EventType/cvm-ping-unreachable")).toEqual({ file: join(dir, "types/cvm.yml"), line: 3, col: 1 });
    expect(config.origins.size).toBe(5);
  });

  it("lets a declared Bus named default change the default bus", async () => {
    const dir = configDir({ "default.yaml": yaml("kind: Bus", "name: default", "validation: 'off'", "retention: {maxAge: 90000}") });
    const { config } = await loadConfigDir(dir);
    expect(config?.buses.get("default")).toEqual({ name: "default", validation: "off", retention: { maxAgeMs: 90_000 } });
    expect(config?.buses.size).toBe(1);
  });

  it("honours anchors, aliases and merge keys within a document", async () => {
    const dir = configDir({
      "bus.yaml": yaml(
        "kind: Bus", //
        "name: ops",
        "description: &text shared words",
        "retention:",
        "  <<: {maxAge: 7d}",
        "  maxCount: 5",
        "---",
        "kind: Source",
        "name: hook",
        "type: aws",
        "auth: {token: &token {env: HOOK_TOKEN}, hmacSecret: *token}",
      ),
    });
    const { config, problems } = await loadConfigDir(dir);
    expect(problems).toEqual([]);
    expect(config?.buses.get("ops")?.retention).toEqual({ maxAgeMs: 7 * 86_400_000, maxCount: 5 });
    expect(config?.sources.get("hook")?.auth).toEqual({ token: { env: "HOOK_TOKEN" }, hmacSecret: { env: "HOOK_TOKEN" } });
  });

  it("gives the empty config (default bus only) for an empty directory or comment-only files", async () => {
    expect(await loadConfigDir(configDir({}))).toEqual({ config: emptyConfig(), problems: [] });
    const commented = await loadConfigDir(configDir({ "todo.yaml": yaml("# nothing yet", "---", "# still nothing") }));
    expect(commented).toEqual({ config: emptyConfig(), problems: [] });
  });

  it("reports a missing directory, and a file given as the directory, without a position", async () => {
    const missing = join(configDir({}), "nope");
    expect(await loadConfigDir(missing)).toEqual({
      config: null,
      problems: [{ file: missing, line: 0, col: 0, pointer: "", message: "config directory does not exist" }],
    });
    const file = join(configDir({ "a.yaml": yaml("kind: Bus", "name: a") }), "a.yaml");
    const result = await loadConfigDir(file);
    expect(result.config).toBeNull();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file, line: 0, col: 0, message: expect.stringContaining("is not a directory") });
  });

  it("skips dot entries (so mounted ConfigMaps do not load twice) and follows links to files", async () => {
    const dir = configDir({
      "..2026_01_01/bus.yaml": yaml("kind: Bus", "name: ops"),
      ".hidden.yaml": yaml("kind: Bus", "name: ops"),
      "other/real.yaml": yaml("kind: Bus", "name: linked"),
    });
    symlinkSync(join(dir, "..2026_01_01/bus.yaml"), join(dir, "bus.yaml"));
    symlinkSync(join(dir, "other"), join(dir, "folder-link"));
    writeFileSync(join(dir, "notes.txt"), "kind: nonsense");
    const { config, problems } = await loadConfigDir(dir);
    expect(problems).toEqual([]);
    expect([...(config?.buses.keys() ?? [])].sort()).toEqual(["default", "linked", "ops"]);
    expect(config?.origins.get("Bus/ops")?.file).toBe(join(dir, "bus.yaml"));
  });

  it("names files as the directory was given, relative paths included", async () => {
    const dir = configDir({ "a/b.yaml": yaml("kind: Buss", "name: x") });
    const relative = relativePath(process.cwd(), dir);
    expect(relative.startsWith("/")).toBe(false);
    const { problems } = await loadConfigDir(relative);
    expect(problems[0]?.file).toBe(join(relative, "a/b.yaml"));
  });
});
