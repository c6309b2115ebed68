// Changing the master key: every secret is opened with the old key and sealed again with the
// new one, in one transaction, so the store is never half under one key and half under the
// other. Nodes still running with the old key fail clearly ("not the key the secrets were
// encrypted with") until they restart with the new one.
import type { Store } from "../store/open-store.js";
import { writeTransaction } from "../store/write-transaction.js";
import type { MasterKey } from "./master-key.js";
import { keyCheck, seal, unseal } from "./secret-cipher.js";
import { MasterKeyError, SecretIntegrityError } from "./secret-errors.js";
import { allSecretRows, readKeyCheck, resealSecret, writeKeyCheck } from "./secret-rows.js";

/** What a rekey did: how many secrets it sealed again, or that they were already under the new key. */
export type RekeyResult = { status: "rekeyed"; secrets: number } | { status: "already" };

/** Seals every secret again under `next`; `previous` must be the key they are sealed with now. */
export async function rekeySecrets(store: Store, previous: MasterKey, next: MasterKey): Promise<RekeyResult> {
  if (previous.bytes.equals(next.bytes)) {
    throw new MasterKeyError("master_key_invalid", `the old key (${previous.origin}) and the new key (${next.origin}) are the same; nothing to change`);
  }
  const nextCheck = keyCheck(next.bytes);
  return writeTransaction(store, async (db) => {
    const current = await readKeyCheck(db);
    if (current === nextCheck) return { status: "already" } as const;
    if (current !== undefined && current !== keyCheck(previous.bytes)) {
      throw new MasterKeyError("master_key_mismatch", `the old key (${previous.origin}) is not the one the stored secrets are encrypted with; give the key they were set with`);
    }
    const rows = await allSecretRows(db);
    for (const row of rows) {
      const value = unseal(previous.bytes, row.name, row);
      if (value === null) throw new SecretIntegrityError(row.name);
      await resealSecret(db, row.name, seal(next.bytes, row.name, value));
    }
    await writeKeyCheck(db, nextCheck);
    return { status: "rekeyed", secrets: rows.length } as const;
  });
}
