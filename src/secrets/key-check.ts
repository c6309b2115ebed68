// Which master key the stored secrets are sealed with. AES-GCM fails the same way for a wrong
// key and for an altered row; the key check (an HMAC fingerprint in `meta`) tells the two apart,
// and stops a node with another key from sealing new secrets that its peers could not open.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { MasterKeyError } from "./secret-errors.js";
import { hasSecrets, readKeyCheck, writeKeyCheck } from "./secret-rows.js";

/** The error for a master key that is not the one the secrets are sealed with. */
export function keyMismatchError(origin: string): MasterKeyError {
  return new MasterKeyError(
    "master_key_mismatch",
    `the master key from ${origin} is not the one the stored secrets were encrypted with; start Reflex with the original key, or re-encrypt the secrets under the new one with \`reflex secrets rekey\` (see docs/secrets.md)`,
  );
}

/**
 * Makes `check` the store's key fingerprint, inside the caller's write transaction: it already
 * is, or there is none yet, or no secret is stored under the old one. Otherwise the key is wrong.
 */
export async function claimKeyCheck(db: Kysely<Database>, check: string, origin: string): Promise<void> {
  const current = await readKeyCheck(db);
  if (current === check) return;
  if (current !== undefined && (await hasSecrets(db))) throw keyMismatchError(origin);
  await writeKeyCheck(db, check);
}
