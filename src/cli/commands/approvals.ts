// `reflex approvals list|approve|reject`: the questions workflows ask people, answered through
// the HTTP API as the token's owner.
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";

interface Approval {
  id: string;
  executionId: string;
  kind: string;
  message: string;
  status: string;
  answeredBy: string | null;
  expiresAt: string | null;
  createdAt: string;
}

export function approvalsCommand(program: Command): void {
  const approvals = program.command("approvals").description("list and answer approvals");

  approvals
    .command("list")
    .description("approvals, newest first")
    .option("-s, --status <status>", "pending, approved, rejected, expired or canceled")
    .option("-e, --execution <id>", "only this execution's")
    .option("-n, --limit <n>", "how many", "20")
    .action(async (opts: { status?: string; execution?: string; limit: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.status !== undefined) params.set("status", opts.status);
      if (opts.execution !== undefined) params.set("executionId", opts.execution);
      const answer = (await client.request("GET", `/api/v1/approvals?${params.toString()}`)) as { items: Approval[] };
      if (json) return printJson(answer);
      printTable(
        answer.items.map((a) => ({ id: a.id, execution: a.executionId, status: a.status, message: a.message, expires: a.expiresAt, answered: a.answeredBy })),
        ["id", "execution", "status", "message", "expires", "answered"],
      );
    });

  for (const decision of ["approve", "reject"] as const) {
    approvals
      .command(`${decision} <id>`)
      .description(`${decision} a pending approval`)
      .option("-r, --response <json>", "what to add to the answer, as JSON (it must fit the approval's schema when approving)")
      .action(async (id: string, opts: { response?: string }, command: Command) => {
        const { client, json } = clientFor(command);
        const body = JSON.stringify({ decision, ...(opts.response === undefined ? {} : { response: parseResponse(opts.response) }) });
        const answer = (await client.request("POST", `/api/v1/approvals/${encodeURIComponent(id)}`, { contentType: "application/json", payload: body })) as Approval;
        if (json) printJson(answer);
        else process.stdout.write(`approval ${answer.id} ${answer.status} by ${answer.answeredBy ?? "?"}\n`);
      });
  }
}

function parseResponse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`--response is not JSON: ${err instanceof Error ? err.message : String(err)} (quote strings: --response '"because"')`);
  }
}
