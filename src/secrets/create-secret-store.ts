// The one call the composition root makes: a secret store on the open database, with its
// master key from the environment or the data directory's key file (the environment only on
// PostgreSQL, where every node must hold the same key).
import type { Clock } from "../core/clock.js";
import type { Store } from "../store/open-store.js";
import { masterKeySource } from "./master-key.js";
import { SecretStore } from "./secret-store.js";

export interface CreateSecretStoreOptions {
  store: Store;
  clock: Clock;
  /** Where `REFLEX_MASTER_KEY` is read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** The data directory, for `master.key` (default `.reflex`, as for the database). */
  dataDir?: string;
  /** How long decrypted values are kept in memory (default 5 s). */
  cacheMs?: number;
}

/** A SecretStore for `store`; the master key is looked up at the first set or resolve. */
export function createSecretStore(options: CreateSecretStoreOptions): SecretStore {
  const masterKey = masterKeySource({ env: options.env, dataDir: options.dataDir ?? ".reflex", shared: options.store.dialect.name === "postgres" });
  return new SecretStore({ store: options.store, clock: options.clock, masterKey, cacheMs: options.cacheMs });
}
