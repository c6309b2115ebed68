// `reflex deliveries list|get|retry`: deliveries and dead letters through the HTTP API.
import type { Command } from "commander";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";

interface DeliveryItem {
  id: string;
  rule: string;
  target: string;
  type: string;
  status: string;
  event: { source: string; id: string };
  attemptCount: number;
  lastError: string | null;
  createdAt: string;
}

export function deliveriesCommand(program: Command): void {
  const deliveries = program.command("deliveries").description("list, show and re-drive deliveries (dead letters: --status dead)");

  deliveries
    .command("list")
    .description("deliveries, newest first")
    .option("-s, --status <status>", "pending, delivered or dead")
    .option("-r, --rule <rule>")
    .option("-n, --limit <n>", "how many", "20")
    .option("--cursor <cursor>", "continue after a previous page")
    .action(async (opts: { status?: string; rule?: string; limit: string; cursor?: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.status !== undefined) params.set("status", opts.status);
      if (opts.rule !== undefined) params.set("rule", opts.rule);
      if (opts.cursor !== undefined) params.set("cursor", opts.cursor);
      const page = (await client.request("GET", `/api/v1/deliveries?${params.toString()}`)) as { items: DeliveryItem[]; nextCursor: string | null };
      if (json) return printJson(page);
      printTable(
        page.items.map((d) => ({ id: d.id, rule: d.rule, target: `${d.target}:${d.type}`, status: d.status, attempts: d.attemptCount, event: `${d.event.source}/${d.event.id}`, error: d.lastError })),
        ["id", "rule", "target", "status", "attempts", "event", "error"],
      );
      if (page.nextCursor) process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });

  deliveries
    .command("get <id>")
    .description("one delivery with every attempt, as JSON")
    .action(async (id: string, _opts: unknown, command: Command) => {
      printJson(await clientFor(command).client.request("GET", `/api/v1/deliveries/${encodeURIComponent(id)}`));
    });

  deliveries
    .command("retry <id>")
    .description("re-drive a dead delivery")
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("POST", `/api/v1/deliveries/${encodeURIComponent(id)}/retry`)) as DeliveryItem;
      if (json) printJson(answer);
      else process.stdout.write(`delivery ${answer.id} is ${answer.status} again\n`);
    });
}
