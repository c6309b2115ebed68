// Where the master key comes from: REFLEX_MASTER_KEY as base64 or hex (anything else is refused
// without echoing it), else a key file made on first use with mode 0600 and refused when
// others may read it; on PostgreSQL the environment is required, but only once secrets are used.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { MasterKeyError, createSecretStore, masterKeySource, parseMasterKey } from "../../src/secrets/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore, testDatabaseUrl } from "../support/store.js";
import { newKeyText } from "./support.js";

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "reflex-key-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("parseMasterKey", () => {
  it("takes 32 bytes as base64, base64url or hex", () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 250));
    for (const text of [bytes.toString("base64"), bytes.toString("base64url"), bytes.toString("hex"), ` ${bytes.toString("hex").toUpperCase()}\n`]) {
      expect(parseMasterKey(text, "REFLEX_MASTER_KEY").bytes.equals(bytes)).toBe(true);
    }
  });

  it("refuses anything else with a message that says the format and never shows the text", () => {
    for (const text of ["too-short-key-material", Buffer.alloc(16, 1).toString("base64"), Buffer.alloc(33, 1).toString("hex"), `${"z".repeat(43)}!`]) {
      const error = (() => {
        try {
          parseMasterKey(text, "REFLEX_MASTER_KEY");
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(MasterKeyError);
      expect((error as MasterKeyError).problem).toBe("master_key_invalid");
      expect((error as Error).message).toMatch(/^REFLEX_MASTER_KEY must be 32 bytes written as base64 \(44 characters.*or hex \(64 characters/);
      expect((error as Error).message).not.toContain(text);
    }
  });
});

describe("masterKeySource", () => {
  it("prefers REFLEX_MASTER_KEY and makes no key file then", async () => {
    const dir = dataDir();
    const text = newKeyText();
    const key = await masterKeySource({ env: { REFLEX_MASTER_KEY: text }, dataDir: dir, shared: false })();
    expect(key.bytes.toString("base64")).toBe(text);
    expect(key.origin).toBe("REFLEX_MASTER_KEY");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("makes <data dir>/master.key on first use with mode 0600, and every later source reads the same key", async () => {
    const dir = join(dataDir(), "nested");
    // Several processes may race to make it: all of them end with the one key.
    const keys = await Promise.all(Array.from({ length: 4 }, () => masterKeySource({ env: {}, dataDir: dir, shared: false })()));
    const file = join(dir, "master.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["master.key"]);
    for (const key of keys) expect(key.bytes.equals(keys[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    const later = await masterKeySource({ env: {}, dataDir: dir, shared: false })();
    expect(later.bytes.equals(keys[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(later.origin).toBe(`key file ${file}`);
  });

  it("refuses a key file that group or others may read, says how to fix it, and works once fixed", async () => {
    const dir = dataDir();
    const file = join(dir, "master.key");
    writeFileSync(file, `${newKeyText()}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    const source = masterKeySource({ env: {}, dataDir: dir, shared: false });
    const error = await source().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as MasterKeyError).problem).toBe("key_file_too_open");
    expect((error as Error).message).toBe(`key file ${file} has mode 0644, so users other than its owner may read or change it; the key is refused until you run \`chmod 600 ${file}\``);
    chmodSync(file, 0o640);
    await expect(source()).rejects.toThrow(/has mode 0640/);
    chmodSync(file, 0o600);
    expect((await source()).origin).toBe(`key file ${file}`);
  });

  it("refuses a key file that does not hold a key, naming the file", async () => {
    const dir = dataDir();
    writeFileSync(join(dir, "master.key"), "not a key\n", { mode: 0o600 });
    await expect(masterKeySource({ env: {}, dataDir: dir, shared: false })()).rejects.toThrow(`key file ${join(dir, "master.key")} must be 32 bytes`);
  });

  it("on a shared database (PostgreSQL) requires REFLEX_MASTER_KEY and never makes a key file", async () => {
    const dir = dataDir();
    const error = await masterKeySource({ env: {}, dataDir: dir, shared: true })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as MasterKeyError).problem).toBe("master_key_required");
    expect((error as Error).message).toMatch(/^REFLEX_MASTER_KEY is not set: on PostgreSQL every node must use the same master key/);
    expect(readdirSync(dir)).toEqual([]);
    const text = newKeyText();
    expect((await masterKeySource({ env: { REFLEX_MASTER_KEY: text }, dataDir: dir, shared: true })()).bytes.toString("base64")).toBe(text);
  });
});

describe("createSecretStore", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await openTestStore());
  });
  afterAll(async () => cleanup());

  it("needs no key until secrets are used: listing and deleting work without one", async () => {
    const dir = dataDir();
    const secrets = createSecretStore({ store, clock: systemClock, env: {}, dataDir: dir });
    expect(await secrets.list()).toEqual([]);
    expect(await secrets.delete("nothing")).toBe(false);
    expect(await secrets.resolve([])).toEqual({});
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(testDatabaseUrl === undefined)("on SQLite, keeps the key in the data directory's key file", async () => {
    const dir = dataDir();
    await createSecretStore({ store, clock: systemClock, env: {}, dataDir: dir }).set("needs-key", "v");
    expect(readdirSync(dir)).toEqual(["master.key"]);
    expect(await createSecretStore({ store, clock: systemClock, env: {}, dataDir: dir }).resolve(["needs-key"])).toEqual({ "needs-key": "v" });
  });

  it.runIf(testDatabaseUrl !== undefined)("on PostgreSQL without REFLEX_MASTER_KEY, fails clearly at the first set or resolve, not before", async () => {
    const dir = dataDir();
    const withKey = createSecretStore({ store, clock: systemClock, env: { REFLEX_MASTER_KEY: newKeyText() }, dataDir: dir });
    await withKey.set("needs-key", "v");
    const without = createSecretStore({ store, clock: systemClock, env: {}, dataDir: dir });
    expect((await without.list()).map((s) => s.name)).toEqual(["needs-key"]);
    await expect(without.set("other", "v")).rejects.toThrow(/REFLEX_MASTER_KEY is not set: on PostgreSQL/);
    await expect(without.resolve(["needs-key"])).rejects.toThrow(/REFLEX_MASTER_KEY is not set: on PostgreSQL/);
    expect(readdirSync(dir)).toEqual([]);
    expect(await withKey.resolve(["needs-key"])).toEqual({ "needs-key": "v" });
  });
});
