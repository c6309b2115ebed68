// Helpers for the action tests: a run context whose log is a real TaskLog (so tests read what
// an action wrote the way the engine will store it), and the lines of one stream.
import type { ActionContext } from "../../src/actions/index.js";
import { TaskLog } from "../../src/actions/index.js";
import type { LogStream } from "../../src/actions/index.js";

/** A context for one run, with its log. */
export interface TestRun {
  ctx: ActionContext;
  log: TaskLog;
  /** Lines written to `stream`, in order. */
  lines(stream: LogStream): string[];
}

export function testRun(options: { signal?: AbortSignal; secrets?: Record<string, string> } = {}): TestRun {
  const secrets = options.secrets ?? {};
  const log = new TaskLog({ secrets: Object.values(secrets) });
  const ctx: ActionContext = {
    executionId: "ex-test",
    taskId: "task-test",
    attempt: 1,
    secrets,
    log,
    signal: options.signal ?? new AbortController().signal,
  };
  return {
    ctx,
    log,
    lines: (stream) =>
      log
        .entries()
        .filter((e) => e.stream === stream)
        .map((e) => e.line),
  };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection, but the promise resolved");
}
