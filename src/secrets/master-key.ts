// Where the master key comes from. `REFLEX_MASTER_KEY` (32 bytes as base64 or hex) wins;
// without it, a node on SQLite uses `<data dir>/master.key`, made on first use. Nodes on one
// PostgreSQL database must share the key, and a key file made by each would differ, so there
// the environment is the only source. The key is looked up when secrets are first set or
// resolved, never at start: a node that uses no secrets needs no key.
import { join } from "node:path";
import { readOrCreateKeyFile } from "./key-file.js";
import { KEY_BYTES } from "./secret-cipher.js";
import { MasterKeyError } from "./secret-errors.js";

/** The environment variable that holds the master key. */
export const MASTER_KEY_ENV = "REFLEX_MASTER_KEY";

/** The key file's name in the data directory. */
export const KEY_FILE_NAME = "master.key";

/** A master key and where it came from (for messages; never the key itself). */
export interface MasterKey {
  readonly bytes: Buffer;
  /** `REFLEX_MASTER_KEY`, or `key file /path/master.key`. */
  readonly origin: string;
}

/** Gets the master key; rejects with a MasterKeyError that says how to provide one. */
export type MasterKeySource = () => Promise<MasterKey>;

export interface MasterKeyOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** The data directory holding `master.key`. */
  dataDir: string;
  /** True when several nodes share the database (PostgreSQL): the key must come from the environment. */
  shared: boolean;
}

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL = /^[A-Za-z0-9_-]{43}=?$/;

/** The key written in `text` (base64, base64url or hex of 32 bytes); `origin` names it in the error. */
export function parseMasterKey(text: string, origin: string): MasterKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (HEX.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (BASE64.test(trimmed)) bytes = Buffer.from(trimmed, "base64");
  else if (BASE64URL.test(trimmed)) bytes = Buffer.from(trimmed, "base64url");
  if (bytes?.length !== KEY_BYTES) {
    throw new MasterKeyError(
      "master_key_invalid",
      `${origin} must be ${KEY_BYTES} bytes written as base64 (44 characters, from \`openssl rand -base64 32\`) or hex (64 characters, from \`openssl rand -hex 32\`); it has ${trimmed.length} characters`,
    );
  }
  return { bytes, origin };
}

/** The master key from `env` alone, or undefined when the variable is not set. */
export function masterKeyFromEnv(env: Readonly<Record<string, string | undefined>>, variable = MASTER_KEY_ENV): MasterKey | undefined {
  const text = env[variable];
  return text === undefined || text === "" ? undefined : parseMasterKey(text, variable);
}

/** A source that finds the key once and keeps it; a failure is not kept, so a fix takes effect on the next use. */
export function masterKeySource(options: MasterKeyOptions): MasterKeySource {
  let found: Promise<MasterKey> | null = null;
  return () => {
    found ??= findMasterKey(options).catch((err: unknown) => {
      found = null;
      throw err;
    });
    return found;
  };
}

async function findMasterKey(options: MasterKeyOptions): Promise<MasterKey> {
  const fromEnv = masterKeyFromEnv(options.env);
  if (fromEnv) return fromEnv;
  if (options.shared) {
    throw new MasterKeyError(
      "master_key_required",
      `${MASTER_KEY_ENV} is not set: on PostgreSQL every node must use the same master key, so it must come from the environment (a key file made by each node would differ); generate one with \`openssl rand -base64 32\` and set ${MASTER_KEY_ENV} to it on every node`,
    );
  }
  const file = join(options.dataDir, KEY_FILE_NAME);
  return parseMasterKey(await readOrCreateKeyFile(file), `key file ${file}`);
}
