// API tokens as the store holds them: only a SHA-256 of each token is kept, never the token.
import type { Kysely } from "kysely";
import type { ApiTokenRow, Database } from "./schema.js";

export type { ApiTokenRow };

/** Records a new token by its hash. */
export async function insertToken(db: Kysely<Database>, row: ApiTokenRow): Promise<void> {
  await db.insertInto("api_tokens").values(row).execute();
}

/** The token with this hash, whatever its state. */
export async function findTokenByHash(db: Kysely<Database>, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("token_hash", "=", hash).executeTakeFirst();
}

/** All tokens, newest first. */
export async function listTokens(db: Kysely<Database>): Promise<ApiTokenRow[]> {
  return db.selectFrom("api_tokens").selectAll().orderBy("created_ms", "desc").execute();
}

/** Marks a token revoked (by id or by name); returns how many were revoked. */
export async function revokeToken(db: Kysely<Database>, idOrName: string, now: number): Promise<number> {
  const res = await db
    .updateTable("api_tokens")
    .set({ revoked_ms: now })
    .where((eb) => eb.or([eb("id", "=", idOrName), eb("name", "=", idOrName)]))
    .where("revoked_ms", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Notes that a token was used. */
export async function touchToken(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_ms: now }).where("id", "=", id).execute();
}

/** True when at least one usable admin token exists. */
export async function hasActiveAdmin(db: Kysely<Database>, now: number): Promise<boolean> {
  const row = await db
    .selectFrom("api_tokens")
    .select("id")
    .where("role", "=", "admin")
    .where("revoked_ms", "is", null)
    .where((eb) => eb.or([eb("expires_ms", "is", null), eb("expires_ms", ">", now)]))
    .executeTakeFirst();
  return row !== undefined;
}
