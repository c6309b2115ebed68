// What became of each rule's match of an event: one row per (event, rule, replay), written by
// the dispatch that decided it. The unique `match_key` makes a dispatch that runs again (after a
// crash, or twice at once on two nodes) record nothing twice: its insert is the claim.
import type { Insertable, Kysely } from "kysely";
import type { Database, RuleMatchRow, RuleMatchesTable } from "./schema.js";

export type { RuleMatchRow };

/** Inserts the match unless its key is recorded already; true when this call inserted it. */
export async function claimMatch(db: Kysely<Database>, row: Insertable<RuleMatchesTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("rule_matches")
    .values(row)
    .onConflict((oc) => oc.column("match_key").doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

/** Sets the outcome of a claimed match. */
export async function settleMatch(
  db: Kysely<Database>,
  id: string,
  outcome: Pick<RuleMatchesTable, "status" | "key" | "group_id" | "error" | "error_pointer">,
): Promise<void> {
  await db.updateTable("rule_matches").set(outcome).where("id", "=", id).execute();
}

/** The matches of one event, oldest first, then by rule name. */
export async function matchesOfEvent(db: Kysely<Database>, event: { bus: string; source: string; id: string }): Promise<RuleMatchRow[]> {
  return db
    .selectFrom("rule_matches")
    .selectAll()
    .where("bus", "=", event.bus)
    .where("source", "=", event.source)
    .where("event_id", "=", event.id)
    .orderBy("created_ms")
    .orderBy("rule")
    .limit(1000)
    .execute();
}

/** The matches that joined a group, in event order. */
export async function membersOfGroup(db: Kysely<Database>, groupId: string): Promise<RuleMatchRow[]> {
  return db.selectFrom("rule_matches").selectAll().where("group_id", "=", groupId).orderBy("event_seq").execute();
}

/** Deletes matches recorded before `cutoffMs`; returns how many. */
export async function pruneMatches(db: Kysely<Database>, cutoffMs: number): Promise<number> {
  const res = await db.deleteFrom("rule_matches").where("created_ms", "<", cutoffMs).executeTakeFirst();
  return Number(res.numDeletedRows);
}
