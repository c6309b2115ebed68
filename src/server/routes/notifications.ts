// Channels and what was sent through them: the declared channels with their secrets hidden,
// and the record of every message a channel sent or tried (newest first, per channel or all),
// with the vendor's answer — where to look when the on-call chat stayed quiet.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { channelView, listNotifications } from "../../channels/index.js";
import type { ChannelSpec } from "../../config/types.js";
import { NotFoundError } from "../../core/errors.js";
import type { ServerContext } from "../context.js";
import { NameParam, Problem } from "../schemas.js";

const Item = Type.Record(Type.String(), Type.Unknown());
const ChannelList = Type.Object({ items: Type.Array(Item) });

const Notification = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  type: Type.String(),
  origin: Type.String({ description: "what sent it: `delivery <id>` or `execution <id> task <id>`" }),
  status: Type.String({ description: "sent, failed or limited (refused by the channel's rate limit)" }),
  request: Type.Unknown({ description: "what was sent: endpoint (scheme and host only), format, title, recipients" }),
  responseStatus: Type.Union([Type.Integer(), Type.Null()], { description: "the HTTP status, or the SMTP reply code" }),
  response: Type.Union([Type.String(), Type.Null()], { description: "the start of the vendor's answer" }),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
});

const NotificationPage = Type.Object({ items: Type.Array(Notification), nextCursor: Type.Union([Type.String(), Type.Null()]) });

const ListQuery = Type.Object({
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "the previous page's nextCursor" })),
});

export function notificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const view = (channel: ChannelSpec) => ({ kind: "Channel", ...channelView(channel), origin: ctx.config().origins.get(`Channel/${channel.name}`) ?? null });

  app.get("/api/v1/channels", { config: { access: "viewer" }, schema: { summary: "List channels (secrets hidden)", tags: ["channels"], response: { 200: ChannelList } } }, async () => ({
    items: [...ctx.config().channels.values()].map(view),
  }));

  app.get<{ Params: { name: string } }>(
    "/api/v1/channels/:name",
    { config: { access: "viewer" }, schema: { summary: "Get a channel (secrets hidden)", tags: ["channels"], params: NameParam, response: { 200: Item, 404: Problem } } },
    async (request) => {
      const channel = ctx.config().channels.get(request.params.name);
      if (!channel) throw new NotFoundError("channel", request.params.name);
      return view(channel);
    },
  );

  app.get<{ Querystring: { channel?: string; limit?: number; cursor?: string } }>(
    "/api/v1/notifications",
    { config: { access: "viewer" }, schema: { summary: "List messages sent through channels, newest first", tags: ["channels"], querystring: ListQuery, response: { 200: NotificationPage, 400: Problem } } },
    async (request) => {
      const { channel, limit, cursor } = request.query;
      return listNotifications(ctx.store.db, { channel, beforeId: cursor, limit: limit ?? 50 });
    },
  );
}
