// `reflex workflows list|get|rearm` and the global pause switch (`reflex pause-all`,
// `reflex resume-all`): the workflow engine's configuration and switches through the HTTP API.
// (`reflex actions …` lives with the packs, in `packs.ts`.)
import type { Command } from "commander";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";

interface WorkflowItem {
  name: string;
  description?: string;
  input: { name: string; required: boolean }[];
  taskCount: number;
  origin: { file: string; line: number } | null;
}

interface Guards {
  workflow: string;
  consecutiveFailures: number;
  circuitOpen: boolean;
  openedAt: string | null;
}

const path = (name: string) => `/api/v1/workflows/${encodeURIComponent(name)}`;

export function workflowsCommand(program: Command): void {
  const workflows = program.command("workflows").description("list and show workflows, re-arm a circuit breaker");

  workflows
    .command("list")
    .description("the declared workflows, with where each is defined")
    .action(async (_opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", "/api/v1/workflows")) as { items: WorkflowItem[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((w) => ({
          name: w.name,
          inputs: w.input.map((i) => (i.required ? i.name : `${i.name}?`)).join(",") || null,
          tasks: w.taskCount,
          origin: w.origin === null ? null : `${w.origin.file}:${w.origin.line}`,
          description: w.description,
        })),
        ["name", "inputs", "tasks", "origin", "description"],
      );
    });

  workflows
    .command("get <name>")
    .description("one workflow as Reflex reads it, with its guard state, as JSON")
    .action(async (name: string, _opts: unknown, command: Command) => {
      printJson(await clientFor(command).client.request("GET", path(name)));
    });

  workflows
    .command("rearm <name>")
    .description("close a workflow's open circuit breaker, so it starts executions again")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const guards = (await client.request("POST", `${path(name)}/rearm`)) as Guards;
      if (json) printJson(guards);
      else process.stdout.write(`re-armed workflow ${guards.workflow}: its circuit breaker is closed\n`);
    });

  for (const [name, on] of [
    ["pause-all", true],
    ["resume-all", false],
  ] as const) {
    program
      .command(name)
      .description(on ? "pause every execution and hold new ones paused, on every node (admin; for incidents)" : "turn the global pause switch off and resume what it paused (admin)")
      .action(async (_opts: unknown, command: Command) => {
        const { client, json } = clientFor(command);
        const answer = (await client.request("POST", `/api/v1/engine/${name}`)) as { pausedAll: boolean; executions: number };
        if (json) printJson(answer);
        else process.stdout.write(on ? `paused all: ${answer.executions} execution(s) paused; new ones start paused until resume-all\n` : `resumed all: ${answer.executions} execution(s) resumed\n`);
      });
  }
}
