// The peer for context: a bare Fastify server, run as its own process by bench/ingest.ts, that
// answers the same ingest requests as Reflex — reads the body, parses the JSON, replies 202
// with one result per event — without authenticating, validating or storing anything. Its
// numbers are the HTTP + JSON ceiling of this machine with this load generator.
//
//   node --import tsx bench/peer-server.ts   # prints "peer listening on http://127.0.0.1:<port>"
import Fastify from "fastify";

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

app.post("/api/v1/events", async (request, reply) => {
  const body: unknown = JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "null");
  // Shaped like Reflex's answer: an index per result in a batch, none for a single event.
  const results = Array.isArray(body) ? body.map((event: unknown, index) => ({ index, id: idOf(event), status: "accepted" })) : [{ id: idOf(body), status: "accepted" }];
  return reply.code(202).send({ accepted: results.length, duplicates: 0, rejected: 0, results });
});

function idOf(event: unknown): string {
  return typeof event === "object" && event !== null && "id" in event && typeof event.id === "string" ? event.id : "";
}

const url = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`peer listening on ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
