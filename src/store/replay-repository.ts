// Replay records: which window of which bus is being fed through the rules again, and how far
// it has got, so that progress survives restarts and is visible through the API.
import type { Kysely } from "kysely";
import type { Database, ReplayRow } from "./schema.js";

export type { ReplayRow };

export async function insertReplay(db: Kysely<Database>, row: ReplayRow): Promise<void> {
  await db.insertInto("replays").values(row).execute();
}

export async function getReplay(db: Kysely<Database>, id: string): Promise<ReplayRow | undefined> {
  return db.selectFrom("replays").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listReplays(db: Kysely<Database>, limit: number): Promise<ReplayRow[]> {
  return db.selectFrom("replays").selectAll().orderBy("created_ms", "desc").limit(limit).execute();
}

/** Applies a partial update to one replay. */
export async function updateReplay(db: Kysely<Database>, id: string, patch: Partial<Omit<ReplayRow, "id">>): Promise<void> {
  await db.updateTable("replays").set(patch).where("id", "=", id).execute();
}
