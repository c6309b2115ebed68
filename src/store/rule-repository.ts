// Rules written through the API, and the version number that tells every node they changed.
// Each write bumps `rules.version` in the same transaction, so a node polls one small row to
// learn whether to reload, and then reloads only the rules whose spec hash differs.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Database, RuleRow } from "./schema.js";

export type { RuleRow };

/** The `meta` key holding the version of the API rules. */
const VERSION_KEY = "rules.version";

/** The version of the API rules: 0 before the first write, then one more per write. */
export async function readRulesVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", VERSION_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Adds one to the version; call in the transaction that changes the rules. */
export async function bumpRulesVersion(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("meta")
    .values({ key: VERSION_KEY, value: "1" })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: sql<string>`cast(cast(meta.value as bigint) + 1 as text)` }))
    .execute();
}

/** Name and spec hash of every API rule. */
export async function listRuleHashes(db: Kysely<Database>): Promise<{ name: string; specHash: string }[]> {
  const rows = await db.selectFrom("rules").select(["name", "spec_hash"]).execute();
  return rows.map((r) => ({ name: r.name, specHash: r.spec_hash }));
}

/** The API rules with these names (those that exist). */
export async function getRules(db: Kysely<Database>, names: readonly string[]): Promise<RuleRow[]> {
  const rows: RuleRow[] = [];
  for (let i = 0; i < names.length; i += 500) {
    rows.push(...(await db.selectFrom("rules").selectAll().where("name", "in", names.slice(i, i + 500)).execute()));
  }
  return rows;
}

/** Creates or replaces an API rule; true when it was created. */
export async function upsertRule(db: Kysely<Database>, rule: { name: string; bus: string; spec: string; specHash: string }, now: number): Promise<boolean> {
  const existing = await db.selectFrom("rules").select("name").where("name", "=", rule.name).executeTakeFirst();
  if (existing) {
    await db.updateTable("rules").set({ bus: rule.bus, spec: rule.spec, spec_hash: rule.specHash, updated_ms: now }).where("name", "=", rule.name).execute();
    return false;
  }
  await db
    .insertInto("rules")
    .values({ name: rule.name, bus: rule.bus, spec: rule.spec, spec_hash: rule.specHash, created_ms: now, updated_ms: now })
    .execute();
  return true;
}

/** Deletes an API rule; false when there was none. */
export async function deleteRule(db: Kysely<Database>, name: string): Promise<boolean> {
  const res = await db.deleteFrom("rules").where("name", "=", name).executeTakeFirst();
  return res.numDeletedRows > 0n;
}
