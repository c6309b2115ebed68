// The console benchmark's peer: a bare Fastify server, run as its own process by
// bench/console.ts, that answers every request the console pages make with the JSON Reflex
// answered it with, held in memory as parsed values and serialised again for each answer —
// no auth, no database, no schema. Its times are the floor of HTTP + JSON on this machine for
// the same bodies.
//
//   BENCH_CONSOLE_ANSWERS=<file.json> node --import tsx bench/console-peer-server.ts
//   # the file maps "path?query" to {contentType, body}; prints "peer listening on http://…"
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const file = process.env.BENCH_CONSOLE_ANSWERS;
if (!file) throw new Error("BENCH_CONSOLE_ANSWERS must name the JSON file of recorded answers");
const recorded = JSON.parse(readFileSync(file, "utf8")) as Record<string, { contentType: string; body: string }>;
const answers = new Map(Object.entries(recorded).map(([path, a]) => [path, { contentType: a.contentType, value: JSON.parse(a.body) as unknown }]));

const app = Fastify({ logger: false });
app.get("/*", async (request, reply) => {
  const answer = answers.get(request.url);
  if (!answer) return reply.code(404).send({ title: "not recorded", detail: request.url });
  return reply.type(answer.contentType).send(answer.value);
});

const url = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`peer listening on ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
