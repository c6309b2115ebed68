// The master key file of a single node: made on first use with mode 0600, and refused when
// anyone but its owner may read it (a key others can read protects nothing). Two processes on
// one data directory (the server and a CLI) may race to make it: the key is written to a
// private temporary file and linked into place, which fails if the other got there first, so
// both end up with the same key and no one ever reads a half-written file.
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { KEY_BYTES } from "./secret-cipher.js";
import { MasterKeyError } from "./secret-errors.js";

/** The key file's text, made first if it does not exist. */
export async function readOrCreateKeyFile(file: string): Promise<string> {
  const text = await readKeyFile(file);
  if (text !== undefined) return text;
  await createKeyFile(file);
  return (await readKeyFile(file)) ?? "";
}

/** The key file's text, after checking that only its owner may read it; undefined when there is none. */
export async function readKeyFile(file: string): Promise<string | undefined> {
  const info = await stat(file).catch((err: unknown) => {
    if (isCode(err, "ENOENT")) return undefined;
    throw err;
  });
  if (info === undefined) return undefined;
  if (!info.isFile()) throw new MasterKeyError("key_file_invalid", `key file ${file} is not a regular file; remove it, or set REFLEX_MASTER_KEY`);
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, "0");
    throw new MasterKeyError("key_file_too_open", `key file ${file} has mode ${mode}, so users other than its owner may read or change it; the key is refused until you run \`chmod 600 ${file}\``);
  }
  return readFile(file, "utf8");
}

async function createKeyFile(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString("base64")}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
  } catch (err) {
    if (!isCode(err, "EEXIST")) throw err;
  } finally {
    await unlink(temporary);
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && "code" in err && err.code === code;
}
