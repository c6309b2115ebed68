// Live updates of one execution over server-sent events: `GET /api/v1/executions/:id/events`
// sends an `execution` event with the full view at once, another each time the execution's
// version grows, and `end` once it has finished, then closes. The version lives in the
// database, so polling it (every `pollMs`) sees changes made by any node. A slow reader is
// not queued views it cannot take: while its socket is backed up, polls skip, and the next
// event carries the newest view. Streams still open when the server closes are ended first,
// so shutting down neither waits for them nor lets a poll outlive the store.
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { JsonObject } from "../../core/json.js";
import { FINISHED_EXECUTION } from "../../engine/index.js";
import type { ExecutionService } from "../../engine/index.js";
import type { ServerContext } from "../context.js";
import { IdParam, Problem } from "../schemas.js";
import { SseStream } from "../sse-stream.js";

/** Timing of live views. */
export interface LiveViewOptions {
  /** How often the execution's version is read. */
  pollMs: number;
  /** Interval of the heartbeat comments. */
  heartbeatMs: number;
}

const DEFAULTS: LiveViewOptions = { pollMs: 250, heartbeatMs: 15_000 };

export function executionEventRoutes(app: FastifyInstance, ctx: ServerContext, options: LiveViewOptions = DEFAULTS): void {
  const following = new Set<Follower>();
  app.addHook("preClose", async () => {
    await Promise.all([...following].map((f) => f.stop()));
  });

  app.get<{ Params: { id: string } }>(
    "/api/v1/executions/:id/events",
    {
      config: { access: "viewer" },
      schema: {
        summary: "Follow an execution live (server-sent events)",
        description:
          "A `text/event-stream`: an `execution` event with the full view (as GET /api/v1/executions/{id}) at once and after every change, its `id` the execution's version; then `end` with `{id, status}` once the execution has finished, and the stream closes. Comment lines (`: ping`) every 15 s keep it alive.",
        tags: ["executions"],
        params: IdParam,
        response: {
          200: { description: "the event stream", content: { "text/event-stream": { schema: Type.String({ description: "events `execution` (data: the execution view) and `end` (data: {id, status})" }) } } },
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const first = await ctx.executions.get(request.params.id);
      reply.hijack();
      const follower = new Follower(new SseStream(reply.raw, options), ctx.executions, first, options.pollMs, request.log);
      following.add(follower);
      follower.onEnd(() => following.delete(follower));
      follower.start();
    },
  );
}

/** Sends one execution's views to one stream until it ends or either side goes away. */
class Follower {
  private readonly id: string;
  private version: number;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly stream: SseStream,
    private readonly service: ExecutionService,
    private readonly first: JsonObject,
    private readonly pollMs: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.id = String(first.id);
    this.version = Number(first.version);
    stream.onClose(() => this.close());
  }

  /** Sends the first view, then polls. */
  start(): void {
    if (this.deliver(this.first)) this.schedule();
  }

  onEnd(listener: () => void): void {
    this.stream.onClose(listener);
  }

  /** Stops polling, closes the stream and waits for a poll under way. */
  async stop(): Promise<void> {
    this.close();
    await this.polling;
  }

  private close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stream.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().catch((err: unknown) => {
        this.log.error({ err, execution: this.id }, "live view of an execution failed; closing its stream");
        this.close();
      });
    }, this.pollMs);
  }

  private async poll(): Promise<void> {
    const version = await this.service.version(this.id);
    if (this.stopped) return;
    if (version === null) {
      this.stream.send("end", { id: this.id, status: null });
      this.close();
      return;
    }
    if (version > this.version && !this.stream.congested) {
      const view = await this.service.get(this.id);
      if (this.stopped) return;
      if (!this.deliver(view)) return;
    }
    this.schedule();
  }

  /** Sends a view; false (and the stream closed) when it was the last one. */
  private deliver(view: JsonObject): boolean {
    this.version = Number(view.version);
    this.stream.send("execution", view, String(this.version));
    if (!FINISHED_EXECUTION.has(String(view.status))) return true;
    this.stream.send("end", { id: this.id, status: view.status });
    this.close();
    return false;
  }
}
