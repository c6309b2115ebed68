// `reflex events send|search|get`: send events from a file or stdin, search stored events,
// fetch one by id — through the HTTP API (--url / REFLEX_URL, --token / REFLEX_TOKEN).
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import { ApiClient } from "../client.js";
import { printJson, printTable } from "../output.js";

interface GlobalOptions {
  url: string;
  token?: string;
  json?: boolean;
}

interface SearchPage {
  items: { seq: number; bus: string; receivedAt: string; event: { id: string; source: string; type: string; subject?: string; time?: string } }[];
  nextCursor: string | null;
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { index?: number; id: string; status: string; error?: string }[];
}

function clientFor(command: Command): { client: ApiClient; json: boolean } {
  const g = command.optsWithGlobals<GlobalOptions>();
  return { client: new ApiClient({ url: g.url, token: g.token }), json: g.json === true };
}

export function eventsCommand(program: Command): void {
  const events = program.command("events").description("send, search and show events");

  events
    .command("send <file>")
    .description("send the event (object) or events (array) in FILE, or - for stdin")
    .option("-b, --bus <bus>", "bus to send to", "default")
    .option("-a, --adapter <name>", "body is in a source format: tencent, aliyun, alertmanager, aws")
    .action(async (file: string, opts: { bus: string; adapter?: string }, command: Command) => {
      const { client, json } = clientFor(command);
      const text = file === "-" ? await readStdin() : await readFile(file, "utf8");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new ValidationError(`${file === "-" ? "stdin" : file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      const bus = encodeURIComponent(opts.bus);
      const path = opts.adapter ? `/api/v1/ingest/${encodeURIComponent(opts.adapter)}?bus=${bus}` : `/api/v1/buses/${bus}/events`;
      const contentType = opts.adapter ? "application/json" : Array.isArray(parsed) ? "application/cloudevents-batch+json" : "application/cloudevents+json";
      const answer = (await client.request("POST", path, { contentType, payload: text })) as IngestAnswer;
      if (json) return printJson(answer);
      process.stdout.write(`accepted ${answer.accepted}, duplicates ${answer.duplicates}, rejected ${answer.rejected}\n`);
      for (const r of answer.results.filter((x) => x.status === "rejected")) {
        process.stdout.write(`  #${r.index ?? 0} ${r.id || "(no id)"}: ${r.error ?? "rejected"}\n`);
      }
      if (answer.rejected > 0) process.exitCode = 1;
    });

  events
    .command("search")
    .description("search stored events, newest first")
    .option("-b, --bus <bus>")
    .option("-s, --source <source>")
    .option("-t, --type <type>")
    .option("--subject <subject>")
    .option("--since <time>", "RFC 3339, epoch ms, or a duration ago (15m, 7d)")
    .option("--until <time>")
    .option("-q, --query <text>", "free text")
    .option("-p, --pattern <json|@file>", "an event pattern, inline JSON or @file")
    .option("-n, --limit <n>", "how many", "20")
    .option("--cursor <cursor>", "continue after a previous page")
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      const { client, json } = clientFor(command);
      const params = new URLSearchParams();
      if (opts.pattern !== undefined) params.set("pattern", opts.pattern.startsWith("@") ? await readFile(opts.pattern.slice(1), "utf8") : opts.pattern);
      const map: Record<string, string> = { bus: "bus", source: "source", type: "type", subject: "subject", since: "from", until: "to", query: "q", limit: "limit", cursor: "cursor" };
      for (const [opt, param] of Object.entries(map)) {
        const value = opts[opt];
        if (value !== undefined) params.set(param, value);
      }
      const page = (await client.request("GET", `/api/v1/events?${params.toString()}`)) as SearchPage;
      if (json) return printJson(page);
      printTable(
        page.items.map((e) => ({ time: e.event.time, bus: e.bus, source: e.event.source, type: e.event.type, subject: e.event.subject, id: e.event.id })),
        ["time", "bus", "source", "type", "subject", "id"],
      );
      if (page.nextCursor) process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });

  events
    .command("get <id>")
    .description("show one stored event")
    .option("-b, --bus <bus>")
    .option("-s, --source <source>")
    .action(async (id: string, opts: { bus?: string; source?: string }, command: Command) => {
      const { client } = clientFor(command);
      const params = new URLSearchParams();
      if (opts.bus) params.set("bus", opts.bus);
      if (opts.source) params.set("source", opts.source);
      const query = params.size > 0 ? `?${params.toString()}` : "";
      printJson(await client.request("GET", `/api/v1/events/${encodeURIComponent(id)}${query}`));
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}
