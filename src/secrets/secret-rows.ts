// The `secrets` table and the key check in `meta`: plain reads and writes, no crypto. Only
// sealed values pass through here; listing reads names and times, never a ciphertext.
import type { Kysely } from "kysely";
import type { Database, SecretRow } from "../store/schema.js";
import type { Sealed } from "./secret-cipher.js";

/** The `meta` key holding the fingerprint of the master key the secrets are sealed with. */
const KEY_CHECK = "secrets.key-check";

/** Largest number of names in one `in (…)` list. */
const CHUNK = 500;

/** A secret's name and times. */
export interface SecretTimes {
  name: string;
  created_ms: number;
  updated_ms: number;
}

/** Creates or replaces a sealed secret; its times after the write, and whether it was new. */
export async function upsertSecret(db: Kysely<Database>, name: string, sealed: Sealed, now: number): Promise<SecretTimes & { created: boolean }> {
  const existing = await db.selectFrom("secrets").select("created_ms").where("name", "=", name).executeTakeFirst();
  await db
    .insertInto("secrets")
    .values({ name, ciphertext: sealed.ciphertext, nonce: sealed.nonce, created_ms: now, updated_ms: now })
    .onConflict((oc) => oc.column("name").doUpdateSet({ ciphertext: sealed.ciphertext, nonce: sealed.nonce, updated_ms: now }))
    .execute();
  return { name, created_ms: existing?.created_ms ?? now, updated_ms: now, created: existing === undefined };
}

/** Every secret's name and times, by name. */
export async function listSecretTimes(db: Kysely<Database>): Promise<SecretTimes[]> {
  return db.selectFrom("secrets").select(["name", "created_ms", "updated_ms"]).orderBy("name").execute();
}

/** The sealed secrets with these names (those that exist). */
export async function getSecretRows(db: Kysely<Database>, names: readonly string[]): Promise<SecretRow[]> {
  const rows: SecretRow[] = [];
  for (let i = 0; i < names.length; i += CHUNK) {
    rows.push(...(await db.selectFrom("secrets").selectAll().where("name", "in", names.slice(i, i + CHUNK)).execute()));
  }
  return rows;
}

/** Every sealed secret (for re-encryption under a new key). */
export async function allSecretRows(db: Kysely<Database>): Promise<SecretRow[]> {
  return db.selectFrom("secrets").selectAll().orderBy("name").execute();
}

/** Replaces a secret's sealed value, keeping its times (the value did not change). */
export async function resealSecret(db: Kysely<Database>, name: string, sealed: Sealed): Promise<void> {
  await db.updateTable("secrets").set({ ciphertext: sealed.ciphertext, nonce: sealed.nonce }).where("name", "=", name).execute();
}

/** Deletes a secret; false when there was none. */
export async function deleteSecretRow(db: Kysely<Database>, name: string): Promise<boolean> {
  const res = await db.deleteFrom("secrets").where("name", "=", name).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** True when at least one secret is stored. */
export async function hasSecrets(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("secrets").select("name").limit(1).executeTakeFirst()) !== undefined;
}

/** The fingerprint of the key the secrets are sealed with; undefined before the first one. */
export async function readKeyCheck(db: Kysely<Database>): Promise<string | undefined> {
  return (await db.selectFrom("meta").select("value").where("key", "=", KEY_CHECK).executeTakeFirst())?.value;
}

/** Records the fingerprint of the key the secrets are (now) sealed with. */
export async function writeKeyCheck(db: Kysely<Database>, check: string): Promise<void> {
  await db
    .insertInto("meta")
    .values({ key: KEY_CHECK, value: check })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: check }))
    .execute();
}
