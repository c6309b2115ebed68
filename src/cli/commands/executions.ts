// `reflex executions list|get|logs|cancel|pause|resume|rerun`: workflow executions through
// the HTTP API.
import type { Command } from "commander";
import { clientFor } from "../client.js";
import type { ExecutionSummary, ExecutionView } from "../execution-output.js";
import { elapsed, printExecution } from "../execution-output.js";
import { printJson, printTable } from "../output.js";

interface LogLine {
  task: string;
  item: number | null;
  attempt: number;
  ts: string;
  stream: string;
  line: string;
}

interface ListOptions {
  workflow?: string;
  status?: string;
  parent?: string;
  topLevel?: boolean;
  since?: string;
  until?: string;
  limit: string;
  cursor?: string;
}

const path = (id: string, rest = "") => `/api/v1/executions/${encodeURIComponent(id)}${rest}`;

export function executionsCommand(program: Command): void {
  const executions = program.command("executions").description("list, show, cancel, pause, resume and rerun workflow executions");

  executions
    .command("list")
    .description("executions, newest first")
    .option("-w, --workflow <name>")
    .option("-s, --status <status>", "e.g. running, pending, paused, succeeded, failed, canceled")
    .option("--parent <id>", "only the sub-workflows of this execution")
    .option("--top-level", "only executions that are not sub-workflows")
    .option("--since <time>", "created at or after: RFC 3339, epoch ms, or a duration ago (15m, 7d)")
    .option("--until <time>", "created before: RFC 3339, epoch ms, or a duration ago")
    .option("-n, --limit <n>", "how many", "20")
    .option("--cursor <cursor>", "continue after a previous page")
    .action(async (opts: ListOptions, command: Command) => {
      const { client, json } = clientFor(command);
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.workflow !== undefined) params.set("workflow", opts.workflow);
      if (opts.status !== undefined) params.set("status", opts.status);
      if (opts.parent !== undefined) params.set("parentId", opts.parent);
      if (opts.topLevel) params.set("topLevel", "true");
      if (opts.since !== undefined) params.set("from", opts.since);
      if (opts.until !== undefined) params.set("to", opts.until);
      if (opts.cursor !== undefined) params.set("cursor", opts.cursor);
      const page = (await client.request("GET", `/api/v1/executions?${params.toString()}`)) as { items: ExecutionSummary[]; nextCursor: string | null };
      if (json) return printJson(page);
      printTable(
        page.items.map((e) => ({ id: e.id, workflow: e.workflow, status: e.status, created: e.createdAt, took: elapsed(e.startedAt, e.finishedAt), error: e.error })),
        ["id", "workflow", "status", "created", "took", "error"],
      );
      if (page.nextCursor) process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });

  executions
    .command("get <id>")
    .description("one execution with its task runs (--json: everything, with items and log lines)")
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const view = (await client.request("GET", path(id))) as ExecutionView;
      if (json) printJson(view);
      else printExecution(view);
    });

  executions
    .command("logs <id>")
    .description("every log line of every task, oldest first")
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", path(id, "/logs"))) as { items: LogLine[] };
      if (json) return printJson(answer);
      for (const l of answer.items) {
        process.stdout.write(`${l.ts} ${l.task}${l.item === null ? "" : `[${l.item}]`}#${l.attempt} ${l.stream}: ${l.line}\n`);
      }
    });

  for (const [verb, what] of [
    ["cancel", "cancel an execution and its sub-workflows"],
    ["pause", "pause an execution: running work finishes, nothing new starts"],
    ["resume", "resume a paused execution"],
  ] as const) {
    executions
      .command(`${verb} <id>`)
      .description(what)
      .action(async (id: string, _opts: unknown, command: Command) => {
        const { client, json } = clientFor(command);
        const view = (await client.request("POST", path(id, `/${verb}`))) as ExecutionView;
        if (json) printJson(view);
        else process.stdout.write(`execution ${view.id} is ${view.status}\n`);
      });
  }

  executions
    .command("rerun <id>")
    .description("start a new execution from an ended one's failed tasks, or from the tasks named")
    .option("-t, --task <name>", "a task to run again (repeat for more); default: the failed ones", (value: string, previous: string[]) => [...previous, value], [])
    .action(async (id: string, opts: { task: string[] }, command: Command) => {
      const { client, json } = clientFor(command);
      const body = JSON.stringify(opts.task.length === 0 ? {} : { tasks: opts.task });
      const answer = (await client.request("POST", path(id, "/rerun"), { contentType: "application/json", payload: body })) as { id: string };
      if (json) printJson(answer);
      else process.stdout.write(`started execution ${answer.id} (rerun of ${id})\n`);
    });
}
