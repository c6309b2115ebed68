// Packs from a packs directory: a sample pack's action, workflow and rule load into the
// registry and the configuration; its action runs in a child process and returns a result;
// and every kind of mistake is reported at file:line:col, as `reflex validate` prints it.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TaskLog } from "../../src/actions/task-log.js";
import { builtinActions } from "../../src/actions/index.js";
import type { ConfigProblem } from "../../src/config/problem.js";
import { loadConfigWithPacks, setUpPacks } from "../../src/packs/index.js";
import { writeConfigDir } from "../support/config-dir.js";
import { writeSamplePack } from "./sample-pack.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

async function load(configDir: string, packsDir?: string) {
  const actions = builtinActions({});
  const setup = await setUpPacks({ configDir, packsDir, env: {}, actions, reflexVersion: "0.1.0" });
  const loaded = await loadConfigWithPacks(configDir, setup, actions);
  return { actions, setup, ...loaded };
}

function where(problems: readonly ConfigProblem[], dir: string): string[] {
  return problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line}:${p.col}: ${p.message}`);
}

describe("a sample pack", () => {
  it("registers its action and loads its workflow and rule with the config directory", async () => {
    const dir = writeSamplePack();
    const { actions, config, problems, setup } = await load(dir);
    expect(problems).toEqual([]);
    expect(setup.dir).toBe(join(dir, "packs"));
    expect(setup.load.skip).toEqual(["packs"]);
    expect(actions.get("acme.greet")).toMatchObject({ description: "Greets someone from a process of its own", timeoutMs: 10_000, secrets: ["ACME_TOKEN"] });
    expect(config?.workflows.get("acme.greet-all")?.tasks[0]?.action).toBe("acme.greet");
    expect(config?.rules.has("acme.on-alert")).toBe(true);
    expect(config?.origins.get("Workflow/acme.greet-all")?.file).toBe(join(dir, "packs/acme/workflows/greet.yaml"));
  });

  it("runs its action's entry in a child process of its own and returns the handler's result", async () => {
    const { actions } = await load(writeSamplePack());
    const action = actions.get("acme.greet");
    if (action === undefined) throw new Error("acme.greet is not registered");
    const log = new TaskLog({ secrets: ["s3cret"] });
    const result = await action.run({ who: "ops" }, { executionId: "e1", taskId: "t1", attempt: 1, secrets: { ACME_TOKEN: "s3cret", OTHER: "x" }, log, signal: new AbortController().signal });
    expect(result).toMatchObject({ greeting: "hello ops", token: "s3cret" });
    expect((result as { pid: number }).pid).not.toBe(process.pid);
    expect(log.entries().map((e) => `${e.stream}: ${e.line}`)).toContain("stdout: greeting ops");
  });

  it("checks a task's input against the action's schema", async () => {
    const { actions } = await load(writeSamplePack());
    expect(() => actions.validateInput("acme.greet", { who: 3 })).toThrow(/acme\.greet input \/who: must be string/);
  });
});

describe("problems in packs", () => {
  it("are each reported at file:line:col", async () => {
    const dir = writeConfigDir({
      "packs/bad-version/pack.yaml": "name: badver\nversion: one\ndescription: x\n",
      "packs/core-again/pack.yaml": "name: core\nversion: 1.0.0\ndescription: x\n",
      "packs/a1/pack.yaml": "name: dup\nversion: 1.0.0\ndescription: first\n",
      "packs/a2/pack.yaml": "name: dup\nversion: 1.0.0\ndescription: second\n",
      "packs/future/pack.yaml": "name: future\nversion: 1.0.0\ndescription: x\nrequires: {reflex: \">=9\"}\n",
      "packs/p/pack.yaml": "name: p\nversion: 1.0.0\ndescription: x\n",
      "packs/p/actions/missing.yaml": "name: missing\ndescription: x\nentry: nowhere.js\n",
      "packs/p/actions/broken.yaml": "name: broken\ndescription: x\nentry: broken.js\n",
      "packs/p/actions/broken.js": "exports.main_handler = async (input) => {\n  return input +;\n};\n",
      "packs/p/actions/extra.yaml": "name: extra\ndescription: x\nentry: ok.js\ncolour: red\n",
      "packs/p/actions/ok.js": "exports.main_handler = async () => 1;\n",
      "packs/p/workflows/w.yaml": "kind: Workflow\nname: w\ntasks:\n  t: {action: p.nothing}\n",
    });
    const { config, problems } = await load(dir);
    expect(config).toBeNull();
    const lines = where(problems, dir);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^packs\/bad-version\/pack\.yaml:2:10: .*semantic version/),
        expect.stringMatching(/^packs\/core-again\/pack\.yaml:1:7: 'core' is the name of a built-in pack/),
        expect.stringMatching(/^packs\/a2\/pack\.yaml:1:7: pack 'dup' is installed twice: here and at .*packs\/a1\/pack\.yaml:1:7/),
        expect.stringMatching(/^packs\/future\/pack\.yaml:4:20: pack 'future' requires Reflex >=9, and this is Reflex 0\.1\.0/),
        expect.stringMatching(/^packs\/p\/actions\/missing\.yaml:3:8: the entry file .*nowhere\.js does not exist/),
        expect.stringMatching(/^packs\/p\/actions\/broken\.js:2:17: syntax error/),
        expect.stringMatching(/^packs\/p\/actions\/extra\.yaml:4:1: .*colour/),
        expect.stringMatching(/^packs\/p\/workflows\/w\.yaml:4:\d+: .*p\.nothing/),
      ]),
    );
  });

  it("include an action ref taken by a built-in action, and a packs directory that does not exist", async () => {
    const dir = writeConfigDir({ "buses.yaml": "kind: Bus\nname: ops\n" });
    const missing = await load(dir, join(dir, "nowhere"));
    expect(where(missing.problems, dir)).toEqual(["nowhere:0:0: packs directory does not exist"]);

    const actions = builtinActions({});
    const clash = writeConfigDir({
      "packs/x/pack.yaml": "name: x\nversion: 1.0.0\ndescription: x\n",
      "packs/x/actions/a.yaml": "name: echo\ndescription: x\nentry: a.js\n---\nname: echo\ndescription: again\nentry: a.js\n",
      "packs/x/actions/a.js": "module.exports = async () => 1;\n",
    });
    // A registry that already has `x.echo` stands for a built-in action with that ref.
    actions.register({ ...actions.get("core.echo")!, ref: "x.other" });
    const setup = await setUpPacks({ configDir: clash, env: {}, actions, reflexVersion: "0.1.0" });
    expect(where(setup.problems, clash)).toEqual([expect.stringMatching(/^packs\/x\/actions\/a\.yaml:5:7: action 'x\.echo' is already defined \(at .*a\.yaml:1:7\)/)]);
    expect(actions.has("x.echo")).toBe(true);
  });

  it("are printed by `reflex validate`", async () => {
    const dir = writeSamplePack({ "packs/acme/actions/bad.yaml": "name: bad\ndescription: x\nentry: bad.txt\n" });
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", MAIN, "validate", dir], { timeout: 30_000 }, (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }));
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, "packs/acme/actions/bad.yaml")}:3:8: 'bad.txt' must end in .js`);
  });
});
