// The `notifications` table: one row per message a channel sent or tried, with what was sent
// (endpoint, format, title — never a secret), the vendor's answer and the error. Listings are
// newest first by id (ids are time-ordered), all channels or one; old rows are pruned by age.
import type { Insertable, Kysely } from "kysely";
import type { JsonObject, JsonValue } from "../core/json.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import type { Database, NotificationsTable } from "../store/schema.js";

/** A notification row as stored. */
export type NotificationRow = Insertable<NotificationsTable>;

/** What became of a send. */
export type NotificationStatus = "sent" | "failed" | "limited";

/** How long notification records are kept by default (as long as rule history). */
export const NOTIFICATION_RETENTION_MS = 30 * 86_400_000;

/** Records one send. */
export async function insertNotification(db: Kysely<Database>, row: NotificationRow): Promise<void> {
  await db.insertInto("notifications").values(row).execute();
}

/** A listing's filter. */
export interface NotificationQuery {
  channel?: string;
  /** Only records older than this id (the previous page's last). */
  beforeId?: string;
  limit: number;
}

/** Records matching `query`, newest first, as the API shows them; `nextCursor` continues the listing (null at the end). */
export async function listNotifications(db: Kysely<Database>, query: NotificationQuery): Promise<{ items: JsonObject[]; nextCursor: string | null }> {
  let select = db.selectFrom("notifications").selectAll();
  if (query.channel !== undefined) select = select.where("channel", "=", query.channel);
  if (query.beforeId !== undefined) select = select.where("id", "<", query.beforeId);
  const rows = await select.orderBy("id", "desc").limit(query.limit).execute();
  const last = rows[rows.length - 1];
  return {
    items: rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      type: row.type,
      origin: row.origin,
      status: row.status,
      request: JSON.parse(row.request) as JsonValue,
      responseStatus: row.response_status === null ? null : Number(row.response_status),
      response: row.response,
      error: row.error,
      durationMs: Number(row.duration_ms),
      createdAt: formatRfc3339(Number(row.created_ms)),
    })),
    nextCursor: rows.length === query.limit && last ? last.id : null,
  };
}

/** Deletes records created before `before` (epoch ms); returns how many. */
export async function pruneNotifications(db: Kysely<Database>, before: number): Promise<number> {
  const res = await db.deleteFrom("notifications").where("created_ms", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
