// The encrypted secret store on the real database (SQLite, or PostgreSQL with
// REFLEX_TEST_DATABASE_URL): values round-trip, the table never holds a value, an altered row
// or a wrong master key fails with an error that says which, and the in-memory cache forgets a
// value on set and delete and after its few seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { SecretNotSetError } from "../../src/core/secrets.js";
import { MasterKeyError, SecretIntegrityError, rekeySecrets } from "../../src/secrets/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { newKey, storeWithKey } from "./support.js";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

const key = newKey();

async function rawRow(name: string) {
  return store.db.selectFrom("secrets").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
}

async function clear(): Promise<void> {
  await store.db.deleteFrom("secrets").execute();
}

describe("SecretStore", () => {
  it("round-trips values, unicode and multi-line included, and replaces a value in place", async () => {
    const secrets = storeWithKey(store, key);
    const pem = "-----BEGIN KEY-----\nAAAA\nBBBB\n-----END KEY-----";
    const first = await secrets.set("rt.pem", pem);
    expect(first.created).toBe(true);
    await secrets.set("rt-unicode", "пароль 密码 🔑");
    expect(await secrets.resolve(["rt.pem", "rt-unicode"])).toEqual({ "rt.pem": pem, "rt-unicode": "пароль 密码 🔑" });

    const again = await secrets.set("rt.pem", "second");
    expect(again.created).toBe(false);
    expect(again.info.createdAt).toBe(first.info.createdAt);
    expect(await secrets.resolve(["rt.pem"])).toEqual({ "rt.pem": "second" });
    expect(await secrets.resolve([])).toEqual({});
  });

  it("keeps only ciphertext: the table holds neither the value nor its base64, and each write gets a new nonce", async () => {
    const secrets = storeWithKey(store, key);
    const value = "s3cr3t-value-that-must-not-leak";
    await secrets.set("ct-check", value);
    const first = await rawRow("ct-check");
    const stored = JSON.stringify(first);
    expect(stored).not.toContain(value);
    expect(stored).not.toContain(Buffer.from(value).toString("base64").slice(0, 20));
    expect(stored).not.toContain(Buffer.from(value).toString("hex").slice(0, 20));
    expect(Buffer.from(first.nonce, "base64")).toHaveLength(12);
    expect(Buffer.from(first.ciphertext, "base64")).toHaveLength(Buffer.byteLength(value) + 16);

    await secrets.set("ct-check", value);
    const second = await rawRow("ct-check");
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it("refuses an altered ciphertext, an altered nonce, and a ciphertext moved to another name", async () => {
    const secrets = storeWithKey(store, key, new ManualClock(), 0);
    await secrets.set("tamper-a", "value-a");
    await secrets.set("tamper-b", "value-b");
    const original = await rawRow("tamper-a");

    const body = Buffer.from(original.ciphertext, "base64");
    body[0] = (body[0] ?? 0) ^ 1;
    await store.db.updateTable("secrets").set({ ciphertext: body.toString("base64") }).where("name", "=", "tamper-a").execute();
    const altered = await secrets.resolve(["tamper-a"]).catch((e: unknown) => e);
    expect(altered).toBeInstanceOf(SecretIntegrityError);
    expect((altered as Error).message).toMatch(/secret tamper-a cannot be decrypted: its stored ciphertext or nonce was altered/);
    expect((altered as Error).message).not.toContain("value-a");

    const nonce = Buffer.from(original.nonce, "base64");
    nonce[11] = (nonce[11] ?? 0) ^ 0x80;
    await store.db.updateTable("secrets").set({ ciphertext: original.ciphertext, nonce: nonce.toString("base64") }).where("name", "=", "tamper-a").execute();
    await expect(secrets.resolve(["tamper-a"])).rejects.toBeInstanceOf(SecretIntegrityError);

    // The name is authenticated too: b's sealed value copied under a's name does not open.
    const b = await rawRow("tamper-b");
    await store.db.updateTable("secrets").set({ ciphertext: b.ciphertext, nonce: b.nonce }).where("name", "=", "tamper-a").execute();
    await expect(secrets.resolve(["tamper-a"])).rejects.toThrow(/secret tamper-a cannot be decrypted/);

    await store.db.updateTable("secrets").set({ ciphertext: original.ciphertext, nonce: original.nonce }).where("name", "=", "tamper-a").execute();
    expect(await secrets.resolve(["tamper-a", "tamper-b"])).toEqual({ "tamper-a": "value-a", "tamper-b": "value-b" });
  });

  it("says so when the master key is not the one the secrets were encrypted with, for resolve and for set", async () => {
    await clear();
    await storeWithKey(store, key).set("wk-one", "value-one");
    const other = storeWithKey(store, newKey());
    const failure = await other.resolve(["wk-one"]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MasterKeyError);
    expect((failure as MasterKeyError).problem).toBe("master_key_mismatch");
    expect((failure as Error).message).toMatch(/the master key from REFLEX_MASTER_KEY is not the one the stored secrets were encrypted with.*reflex secrets rekey/);
    // A node with another key must not seal secrets its peers cannot open.
    await expect(other.set("wk-two", "value-two")).rejects.toThrow(/is not the one the stored secrets were encrypted with/);
    expect(await store.db.selectFrom("secrets").select("name").where("name", "=", "wk-two").executeTakeFirst()).toBeUndefined();

    // Once no secret is left, a new key may take over.
    await storeWithKey(store, key).delete("wk-one");
    await other.set("wk-two", "value-two");
    expect(await other.resolve(["wk-two"])).toEqual({ "wk-two": "value-two" });
    await expect(storeWithKey(store, key).resolve(["wk-two"])).rejects.toThrow(/master key .* is not the one/);
    await clear();
  });

  it("lists names and times without values, deletes, and names every missing secret at once", async () => {
    await clear();
    const clock = new ManualClock(Date.UTC(2026, 2, 1));
    const secrets = storeWithKey(store, key, clock);
    await secrets.set("list-b", "value-b");
    clock.advance(1_000);
    await secrets.set("list-a", "value-a");
    const listed = await secrets.list();
    expect(listed).toEqual([
      { name: "list-a", createdAt: "2026-03-01T00:00:01.000Z", updatedAt: "2026-03-01T00:00:01.000Z" },
      { name: "list-b", createdAt: "2026-03-01T00:00:00.000Z", updatedAt: "2026-03-01T00:00:00.000Z" },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/value-/);

    expect(await secrets.delete("list-b")).toBe(true);
    expect(await secrets.delete("list-b")).toBe(false);
    expect((await secrets.list()).map((s) => s.name)).toEqual(["list-a"]);

    const missing = await secrets.resolve(["list-a", "list-b", "not set", "nope"]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SecretNotSetError);
    expect((missing as SecretNotSetError).names).toEqual(["list-b", "not set", "nope"]);
    expect((missing as Error).message).toMatch(/^secrets list-b, not set, nope are not set/);
  });

  it("validates names and values: the name pattern, no empty value, at most 64 KiB", async () => {
    const secrets = storeWithKey(store, key);
    await expect(secrets.set("1bad", "x")).rejects.toThrow(/secret name "1bad" is not valid/);
    await expect(secrets.set("has space", "x")).rejects.toThrow(/is not valid/);
    await expect(secrets.set("empty", "")).rejects.toThrow(/secret empty: the value is empty/);
    await expect(secrets.set("big", "é".repeat(32 * 1024 + 1))).rejects.toThrow(/the value is 65538 bytes; a secret may hold at most 65536 bytes/);
    const largest = "x".repeat(64 * 1024);
    await secrets.set("largest", largest);
    expect((await secrets.resolve(["largest"])).largest).toBe(largest);
  });

  it("keeps decrypted values for a few seconds, forgets them on set and delete, and sees other nodes' changes after that", async () => {
    const clock = new ManualClock();
    const here = storeWithKey(store, key, clock, 5_000);
    const elsewhere = storeWithKey(store, key, clock, 5_000);
    await here.set("cache-x", "one");
    expect(await here.resolve(["cache-x"])).toEqual({ "cache-x": "one" });

    await elsewhere.set("cache-x", "two");
    expect(await here.resolve(["cache-x"])).toEqual({ "cache-x": "one" });
    clock.advance(5_001);
    expect(await here.resolve(["cache-x"])).toEqual({ "cache-x": "two" });

    await here.set("cache-x", "three");
    expect(await here.resolve(["cache-x"])).toEqual({ "cache-x": "three" });
    await here.delete("cache-x");
    await expect(here.resolve(["cache-x"])).rejects.toBeInstanceOf(SecretNotSetError);
  });

  it("re-encrypts every secret under a new key in one go; the old key then fails clearly", async () => {
    await clear();
    const next = newKey("the new key");
    const old = storeWithKey(store, key);
    await old.set("rk-a", "value-a");
    await old.set("rk-b", "value-b");
    const before = await rawRow("rk-a");

    await expect(rekeySecrets(store, newKey("a stranger"), next)).rejects.toThrow(/the old key \(a stranger\) is not the one the stored secrets are encrypted with/);
    await expect(rekeySecrets(store, key, key)).rejects.toThrow(/are the same/);
    expect(await rekeySecrets(store, key, next)).toEqual({ status: "rekeyed", secrets: 2 });
    expect(await rekeySecrets(store, key, next)).toEqual({ status: "already" });

    const after = await rawRow("rk-a");
    expect(after.ciphertext).not.toBe(before.ciphertext);
    expect(after.updated_ms).toBe(before.updated_ms);
    expect(await storeWithKey(store, next).resolve(["rk-a", "rk-b"])).toEqual({ "rk-a": "value-a", "rk-b": "value-b" });
    await expect(storeWithKey(store, key).resolve(["rk-a"])).rejects.toThrow(/master key from REFLEX_MASTER_KEY is not the one/);
    await clear();
  });
});
