// Public API of `secrets/`: the encrypted secret store (a `SecretResolver`), its factory, the
// master key sources, re-encryption under a new key, and the store's errors.
export { createSecretStore } from "./create-secret-store.js";
export type { CreateSecretStoreOptions } from "./create-secret-store.js";
export { DEFAULT_SECRET_CACHE_MS, MAX_SECRET_BYTES, SecretStore } from "./secret-store.js";
export type { SecretInfo, SecretStoreOptions } from "./secret-store.js";
export { KEY_FILE_NAME, MASTER_KEY_ENV, masterKeyFromEnv, masterKeySource, parseMasterKey } from "./master-key.js";
export type { MasterKey, MasterKeyOptions, MasterKeySource } from "./master-key.js";
export { readKeyFile } from "./key-file.js";
export { rekeySecrets } from "./rekey.js";
export type { RekeyResult } from "./rekey.js";
export { MasterKeyError, SecretIntegrityError } from "./secret-errors.js";
export type { MasterKeyProblem } from "./secret-errors.js";
