// The encrypted secret store: one row per secret, its value sealed with AES-256-GCM under the
// master key (ciphertext and nonce as base64 text, so both dialects share one code path).
// Nothing here can be read without the key; listing shows names and times only.
import type { Migration } from "../migrate.js";

export const secrets: Migration = {
  name: "009-secrets",
  async up(db) {
    await db.schema
      .createTable("secrets")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("ciphertext", "text", (c) => c.notNull())
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .execute();
  },
};
