// core.shell with real processes: argv passed literally (no shell), output streamed to the log
// and capped in the result, exit codes and stderr, a minimal environment, cwd, the timeout and
// abort kill (SIGTERM, then SIGKILL after the grace), processes left behind, refused input.
// Linux: whether a process has ended is read from /proc.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ActionError } from "../../src/actions/index.js";
import type { ShellInput, ShellResult } from "../../src/actions/index.js";
import { createShellAction } from "../../src/actions/core/shell.js";
import { ValidationError } from "../../src/core/errors.js";
import { rejection, testRun } from "./support.js";
import type { TestRun } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "reflex-shell-"));
const shell = createShellAction({ killGraceMs: 200, env: { PATH: process.env.PATH, HOME: "/home/reflex-test", LANG: "C.UTF-8", DATABASE_URL: "postgres://secret" } });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(input: ShellInput, run: TestRun = testRun()): Promise<ActionError> {
  const err = await rejection(shell.run(input, run.ctx));
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

/** Waits until process `pid` has ended (a zombie waiting to be reaped counts as ended); fails after a deadline. */
async function expectGone(pid: number): Promise<void> {
  expect(pid).toBeGreaterThan(1);
  const alive = (): boolean => {
    try {
      // The state is the field after the command name, which is in parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
      return false;
    }
  };
  await expect.poll(alive, { timeout: 5_000 }).toBe(false);
}

describe("core.shell", () => {
  it("runs a program and returns its output, streaming lines to the log", async () => {
    const run = testRun();
    const result = await shell.run({ argv: ["/bin/echo", "hello", "world"] }, run.ctx);
    expect(result).toEqual({ exitCode: 0, signal: null, stdout: "hello world\n", stderr: "", truncated: false });
    expect(run.lines("stdout")).toEqual(["hello world"]);
  });

  it("passes shell metacharacters as literal arguments", async () => {
    const marker = join(dir, "pwned");
    const nasty = `$(touch ${marker}); \`touch ${marker}\` && touch ${marker} | cat > ${marker} * "'`;
    const result = (await shell.run({ argv: ["/bin/echo", nasty] }, testRun().ctx)) as ShellResult;
    expect(result.stdout).toBe(`${nasty}\n`);
    expect(existsSync(marker)).toBe(false);
  });

  it("fails on a non-zero exit with the result and the last stderr line", async () => {
    const run = testRun();
    const err = await failure({ argv: ["sh", "-c", "echo out; echo warming up >&2; echo oops >&2; exit 3"] }, run);
    expect(err.code).toBe("shell_exit");
    expect(err.message).toBe("'sh' exited with code 3: oops");
    expect(err.retryable).toBe(true);
    expect(err.result).toEqual({ exitCode: 3, signal: null, stdout: "out\n", stderr: "warming up\noops\n", truncated: false });
    expect(run.lines("stdout")).toEqual(["out"]);
    expect(run.lines("stderr")).toEqual(["warming up", "oops"]);
  });

  it("gives the command only PATH, HOME, LANG and the input's env", async () => {
    const result = (await shell.run({ argv: ["env"], env: { REGION: "ap-guangzhou", HOME: "/override" } }, testRun().ctx)) as ShellResult;
    const vars = Object.fromEntries(
      result.stdout
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(Object.keys(vars).sort()).toEqual(["HOME", "LANG", "PATH", "REGION"]);
    expect(vars).toMatchObject({ HOME: "/override", LANG: "C.UTF-8", REGION: "ap-guangzhou", PATH: process.env.PATH });
  });

  it("runs in cwd, and refuses a cwd that is not a directory", async () => {
    const result = (await shell.run({ argv: ["pwd"], cwd: dir }, testRun().ctx)) as ShellResult;
    expect(result.stdout).toBe(`${realpathSync(dir)}\n`);
    const err = await failure({ argv: ["pwd"], cwd: join(dir, "missing") });
    expect(err.code).toBe("shell_bad_cwd");
    expect(err.retryable).toBe(false);
  });

  it("keeps the first maxOutputBytes of each stream and says it was truncated", async () => {
    const run = testRun();
    const input = { argv: ["sh", "-c", "head -c 100000 /dev/zero | tr '\\0' a; echo done >&2"], maxOutputBytes: 1_000 };
    const result = (await shell.run(input, run.ctx)) as ShellResult;
    expect(result.stdout).toBe("a".repeat(1_000));
    expect(result.stderr).toBe("done\n");
    expect(result.truncated).toBe(true);
    expect(run.lines("info")).toEqual(["stdout is longer than 1000 bytes: the result keeps its first 1000 bytes"]);
  });

  it("does not cut a character in two at the cap", async () => {
    const result = (await shell.run({ argv: ["printf", "ééé"], maxOutputBytes: 3 }, testRun().ctx)) as ShellResult;
    expect(result.stdout).toBe("é");
  });

  it("stops a command at its timeout with SIGTERM", async () => {
    const started = performance.now();
    const err = await failure({ argv: ["sleep", "30"], timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(err.code).toBe("shell_timeout");
    expect(err.message).toBe("'sleep' did not finish within 200 ms and was stopped (SIGTERM)");
    expect(err.result).toMatchObject({ exitCode: null, signal: "SIGTERM" });
  });

  it("kills with SIGKILL, after the grace, a command that ignores SIGTERM — its children too", async () => {
    const started = performance.now();
    const err = await failure({ argv: ["sh", "-c", "trap '' TERM; sleep 30 & echo $!; wait; echo survived"], timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(err.result).toMatchObject({ exitCode: null, signal: "SIGKILL" });
    await expectGone(Number((err.result as ShellResult).stdout));
  });

  it("streams lines while the command runs and stops it when the signal aborts", async () => {
    const controller = new AbortController();
    const run = testRun({ signal: controller.signal });
    const running = failure({ argv: ["sh", "-c", "echo first; sleep 30"] }, run);
    await expect.poll(() => run.lines("stdout"), { timeout: 5_000 }).toEqual(["first"]);
    controller.abort(new Error("the execution was canceled"));
    const err = await running;
    expect(err.code).toBe("action_aborted");
    expect(err.message).toBe("core.shell was stopped: the execution was canceled");
    expect(err.result).toMatchObject({ stdout: "first\n", signal: "SIGTERM" });
  });

  it("does not wait for processes a finished command left behind, and kills them", async () => {
    const started = performance.now();
    const result = (await shell.run({ argv: ["sh", "-c", "sleep 30 & echo $!"] }, testRun().ctx)) as ShellResult;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^\d+\n$/) });
    await expectGone(Number(result.stdout));
  });

  it("says when a program cannot be started", async () => {
    const err = await failure({ argv: ["reflex-no-such-program", "x"] });
    expect(err.code).toBe("shell_cannot_start");
    expect(err.message).toBe("cannot run 'reflex-no-such-program': no such program on PATH");
    expect(err.retryable).toBe(false);
    expect((await failure({ argv: [join(dir, "nothing-here")] })).message).toMatch(/: no such file$/);
  });

  it("hides secret values in its error message and log", async () => {
    const run = testRun({ secrets: { token: "S3CRET-VALUE" } });
    const err = await failure({ argv: ["sh", "-c", "echo using S3CRET-VALUE; echo denied for S3CRET-VALUE >&2; exit 1"] }, run);
    expect(err.message).toBe("'sh' exited with code 1: denied for ***");
    expect(JSON.stringify(run.log.entries())).not.toMatch(/S3CRET/);
  });

  it("refuses an argv it must not run, naming the element", async () => {
    const cases: [unknown, string][] = [
      [[], "/argv"],
      ["ls -l", "/argv"],
      [["ls", 3], "/argv/1"],
      [["ls", "a\0b"], "/argv/1"],
      [[""], "/argv/0"],
    ];
    for (const [argv, pointer] of cases) {
      const err = await rejection(shell.run({ argv } as never, testRun().ctx));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).location?.pointer).toBe(pointer);
      expect((err as ValidationError).message).toMatch(new RegExp(`^core\\.shell input ${pointer}: `));
    }
    const env = await rejection(shell.run({ argv: ["env"], env: { BAD: "a\0b" } }, testRun().ctx));
    expect((env as ValidationError).location?.pointer).toBe("/env/BAD");
  });
});
