// Event ingest over HTTP: CloudEvents in structured, batch and binary modes (and plain JSON
// envelopes) on `/api/v1/events` and `/api/v1/buses/:bus/events`; cloud and monitoring formats
// on `/api/v1/ingest/:adapter`; declared sources, each with its own token or HMAC key, on
// `/api/v1/sources/:name/events`. Bodies are read raw here, so signatures cover the exact bytes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import type { IngestResult } from "../../core/event.js";
import { adapters } from "../../events/adapters/index.js";
import { parseIngestRequest } from "../../events/http-modes.js";
import type { IngestItem } from "../../events/http-modes.js";
import { AuthError } from "../auth/guard.js";
import type { ServerContext } from "../context.js";
import { problem, sendProblem } from "../problem.js";
import { BusParam, IngestResponse, NameParam, Problem } from "../schemas.js";

const responses = { 202: IngestResponse, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem };

export function ingestRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: ctx.limits.maxBatchBytes }, (_req, body, done) => done(null, body));

  const cloudEvents = async (request: FastifyRequest, reply: FastifyReply, bus: string) => {
    const parsed = parseIngestRequest({
      contentType: request.headers["content-type"],
      headers: request.headers,
      body: bodyOf(request),
      maxEventBytes: ctx.limits.maxEventBytes,
      now: ctx.clock.now(),
    });
    return answer(reply, await ctx.ingest.ingest(bus, parsed.items), parsed.batch, request.url);
  };

  const ingestDoc = "Send CloudEvents: structured (application/cloudevents+json), batch (application/cloudevents-batch+json or a JSON array), binary (ce-* headers), or a plain JSON envelope.";
  app.post("/api/v1/events", { config: { access: "operator", ingest: true }, schema: { summary: "Send events to the default bus", description: ingestDoc, tags: ["events"], response: responses } }, (request, reply) =>
    cloudEvents(request, reply, "default"),
  );
  app.post<{ Params: { bus: string } }>(
    "/api/v1/buses/:bus/events",
    { config: { access: "operator", ingest: true }, schema: { summary: "Send events to a bus", description: ingestDoc, tags: ["events"], params: BusParam, response: responses } },
    (request, reply) => cloudEvents(request, reply, request.params.bus),
  );

  app.post<{ Params: { adapter: string }; Querystring: { bus?: string } }>(
    "/api/v1/ingest/:adapter",
    {
      config: { access: "operator", ingest: true },
      schema: {
        summary: "Send events in a cloud or monitoring format (tencent, aliyun, alertmanager, aws, cloudevents)",
        tags: ["events"],
        params: Type.Object({ adapter: Type.String() }),
        querystring: Type.Object({ bus: Type.Optional(Type.String()) }),
        response: responses,
      },
    },
    async (request, reply) => {
      const name = request.params.adapter;
      if (name === "webhook" || !Object.hasOwn(adapters, name)) {
        throw new NotFoundError("adapter", name, `built-in adapters are ${Object.keys(adapters).filter((a) => a !== "webhook").join(", ")}; a generic webhook needs a kind: Source with type: webhook and a mapping`);
      }
      const adapter = adapters[name as keyof typeof adapters];
      const items = await adapter(parseJsonBody(request), { now: ctx.clock.now() });
      return answer(reply, await ctx.ingest.ingest(request.query.bus ?? "default", items), true, request.url);
    },
  );

  app.post<{ Params: { name: string } }>(
    "/api/v1/sources/:name/events",
    { config: { access: "source", ingest: true }, schema: { summary: "Send events to a declared source (kind: Source)", tags: ["events"], params: NameParam, response: responses } },
    async (request, reply) => {
      const source = ctx.sources().get(request.params.name);
      if (!source) throw new NotFoundError("source", request.params.name, "declare it with kind: Source");
      const body = bodyOf(request);
      if (!request.principal && !source.admits(request.headers, body)) {
        throw new AuthError(401, `source '${source.spec.name}' needs its token (Authorization: Bearer …), a valid X-Reflex-Signature: sha256=<hex HMAC of the body>, or an operator API token`);
      }
      let items: IngestItem[];
      let batch = true;
      if (source.spec.type === "cloudevents") {
        const parsed = parseIngestRequest({ contentType: request.headers["content-type"], headers: request.headers, body, maxEventBytes: ctx.limits.maxEventBytes, now: ctx.clock.now() });
        items = parsed.items;
        batch = parsed.batch;
      } else {
        items = await source.adapter(parseJsonBody(request), { now: ctx.clock.now() });
      }
      return answer(reply, await ctx.ingest.ingest(source.spec.bus, items), batch, request.url);
    },
  );
}

function bodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

function parseJsonBody(request: FastifyRequest): unknown {
  const text = bodyOf(request).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** 202 with one result per event; a single event that was rejected is a 400 problem instead. */
function answer(reply: FastifyReply, results: IngestResult[], batch: boolean, url: string): FastifyReply {
  const only = results[0];
  if (!batch && results.length === 1 && only?.status === "rejected") {
    return sendProblem(reply, problem(400, "event_rejected", only.error ?? "the event was rejected", { instance: url }));
  }
  const count = (status: IngestResult["status"]) => results.filter((r) => r.status === status).length;
  return reply.code(202).send({
    accepted: count("accepted"),
    duplicates: count("duplicate"),
    rejected: count("rejected"),
    results: batch ? results : results.map(({ index: _index, ...rest }) => rest),
  });
}
