// The secret store: values sealed in the database under the master key, looked up by name at
// the moment of use. It is the `SecretResolver` the engine, the rules and the channels are
// given. Decrypted values are kept in memory for a few seconds, so a burst of tasks does not
// decrypt the same secret a thousand times; a set or delete on this node forgets the value
// at once, and other nodes see the change when their copy expires.
import type { Clock } from "../core/clock.js";
import { ValidationError } from "../core/errors.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import { SECRET_NAME, SecretNotSetError } from "../core/secrets.js";
import type { SecretResolver } from "../core/secrets.js";
import type { Store } from "../store/open-store.js";
import { writeTransaction } from "../store/write-transaction.js";
import { claimKeyCheck, keyMismatchError } from "./key-check.js";
import type { MasterKeySource } from "./master-key.js";
import { keyCheck, seal, unseal } from "./secret-cipher.js";
import { SecretIntegrityError } from "./secret-errors.js";
import { deleteSecretRow, getSecretRows, listSecretTimes, readKeyCheck, upsertSecret } from "./secret-rows.js";
import type { SecretTimes } from "./secret-rows.js";

/** The largest secret value, in UTF-8 bytes. */
export const MAX_SECRET_BYTES = 64 * 1024;

/** How long a decrypted value is kept in memory by default. */
export const DEFAULT_SECRET_CACHE_MS = 5_000;

/** What may be shown about a secret: its name and times, never its value. */
export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface SecretStoreOptions {
  store: Store;
  clock: Clock;
  masterKey: MasterKeySource;
  /** How long a decrypted value is kept in memory (default 5 s); 0 keeps none. */
  cacheMs?: number;
}

interface Cached {
  value: string;
  until: number;
}

/** Encrypted secrets on the database; see the file comment. */
export class SecretStore implements SecretResolver {
  private readonly cache = new Map<string, Cached>();
  /** Grows with every set and delete here, so a lookup that raced one does not cache what it read. */
  private generation = 0;
  private readonly cacheMs: number;

  constructor(private readonly options: SecretStoreOptions) {
    this.cacheMs = options.cacheMs ?? DEFAULT_SECRET_CACHE_MS;
  }

  /** Creates or replaces secret `name`. */
  async set(name: string, value: string): Promise<{ info: SecretInfo; created: boolean }> {
    checkName(name);
    checkValue(name, value);
    const key = await this.options.masterKey();
    const sealed = seal(key.bytes, name, value);
    const now = this.options.clock.now();
    const row = await writeTransaction(this.options.store, async (db) => {
      await claimKeyCheck(db, keyCheck(key.bytes), key.origin);
      return upsertSecret(db, name, sealed, now);
    });
    this.forget(name);
    return { info: toInfo(row), created: row.created };
  }

  /** Every secret's name and times, by name. */
  async list(): Promise<SecretInfo[]> {
    return (await listSecretTimes(this.options.store.db)).map(toInfo);
  }

  /** Deletes secret `name`; false when there was none. */
  async delete(name: string): Promise<boolean> {
    const deleted = await deleteSecretRow(this.options.store.db, name);
    this.forget(name);
    return deleted;
  }

  async resolve(names: readonly string[]): Promise<Readonly<Record<string, string>>> {
    const values: Record<string, string> = {};
    const now = this.options.clock.now();
    const load: string[] = [];
    for (const name of new Set(names)) {
      const cached = this.cache.get(name);
      if (cached && cached.until > now) values[name] = cached.value;
      else {
        if (cached) this.cache.delete(name);
        load.push(name);
      }
    }
    if (load.length === 0) return values;
    const generation = this.generation;
    const rows = new Map((await getSecretRows(this.options.store.db, load.filter((n) => SECRET_NAME.test(n)))).map((r) => [r.name, r]));
    const missing = load.filter((n) => !rows.has(n));
    if (missing.length > 0) throw new SecretNotSetError(missing);
    const key = await this.options.masterKey();
    const until = this.options.clock.now() + this.cacheMs;
    const keep = this.cacheMs > 0 && generation === this.generation;
    for (const row of rows.values()) {
      const value = unseal(key.bytes, row.name, row);
      if (value === null) {
        const check = await readKeyCheck(this.options.store.db);
        throw check !== undefined && check !== keyCheck(key.bytes) ? keyMismatchError(key.origin) : new SecretIntegrityError(row.name);
      }
      values[row.name] = value;
      if (keep) this.cache.set(row.name, { value, until });
    }
    return values;
  }

  private forget(name: string): void {
    this.generation++;
    this.cache.delete(name);
  }
}

function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new ValidationError(`secret name ${JSON.stringify(name.slice(0, 140))} is not valid: use letters, digits, _, - and ., starting with a letter, at most 128 characters`, undefined, "invalid_secret_name");
  }
}

function checkValue(name: string, value: string): void {
  if (value === "") throw new ValidationError(`secret ${name}: the value is empty; a secret must have a value`, undefined, "empty_secret");
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > MAX_SECRET_BYTES) {
    throw new ValidationError(`secret ${name}: the value is ${bytes} bytes; a secret may hold at most ${MAX_SECRET_BYTES} bytes (64 KiB)`, undefined, "secret_too_large");
  }
}

function toInfo(row: SecretTimes): SecretInfo {
  return { name: row.name, createdAt: formatRfc3339(row.created_ms), updatedAt: formatRfc3339(row.updated_ms) };
}
