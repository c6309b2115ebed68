// `reflex secrets set|list|delete` through the HTTP API, and `reflex secrets rekey`, which
// re-encrypts every secret under a new master key straight on the host's database (it needs
// both keys, which never travel over the API). A value is read from stdin, never from an
// argument, so it stays out of shell history and process listings.
import { join } from "node:path";
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import { KEY_FILE_NAME, MASTER_KEY_ENV, MAX_SECRET_BYTES, masterKeyFromEnv, parseMasterKey, readKeyFile, rekeySecrets } from "../../secrets/index.js";
import type { MasterKey, SecretInfo } from "../../secrets/index.js";
import { openStore } from "../../store/open-store.js";
import { clientFor } from "../client.js";
import { printJson, printTable } from "../output.js";

/** Where `rekey` finds the old key when it is not the data directory's key file. */
const OLD_KEY_ENV = "REFLEX_OLD_MASTER_KEY";

const path = (name: string) => `/api/v1/secrets/${encodeURIComponent(name)}`;

export function secretsCommand(program: Command): void {
  const secrets = program.command("secrets").description("set, list and delete secrets (values are write-only), and change the master key");

  secrets
    .command("set <name>")
    .description("create or replace a secret; the value is read from stdin (one trailing newline is dropped)")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const value = await readValue(name);
      const { client, json } = clientFor(command);
      const info = (await client.request("PUT", path(name), { contentType: "application/json", payload: JSON.stringify({ value }) })) as SecretInfo;
      if (json) printJson(info);
      else process.stdout.write(`set secret ${info.name}\n`);
    });

  secrets
    .command("list")
    .description("the secrets that are set: names and times, never values")
    .action(async (_opts: unknown, command: Command) => {
      const { client, json } = clientFor(command);
      const answer = (await client.request("GET", "/api/v1/secrets")) as { items: SecretInfo[] };
      if (json) printJson(answer);
      else printTable(answer.items.map((s) => ({ ...s })), ["name", "createdAt", "updatedAt"]);
    });

  secrets
    .command("delete <name>")
    .description("delete a secret")
    .action(async (name: string, _opts: unknown, command: Command) => {
      await clientFor(command).client.request("DELETE", path(name));
      process.stdout.write(`deleted secret ${name}\n`);
    });

  secrets
    .command("rekey")
    .description(`re-encrypt every secret under a new master key, on the Reflex host's database: the new key from ${MASTER_KEY_ENV}, the old one from ${OLD_KEY_ENV} or else the data directory's key file`)
    .option("-d, --data <dir>", "data directory of the embedded database and its key file", process.env.REFLEX_DATA_DIR ?? ".reflex")
    .option("--database-url <url>", "postgres://… when Reflex runs on PostgreSQL", process.env.DATABASE_URL)
    .action(async (opts: { data: string; databaseUrl?: string }) => {
      const next = masterKeyFromEnv(process.env);
      if (!next) throw new ValidationError(`${MASTER_KEY_ENV} is not set: set it to the new master key (\`openssl rand -base64 32\`), and ${OLD_KEY_ENV} to the old one`);
      const previous = masterKeyFromEnv(process.env, OLD_KEY_ENV) ?? (await keyFileKey(opts.data));
      const store = await openStore({ dataDir: opts.data, databaseUrl: opts.databaseUrl, schema: process.env.REFLEX_DB_SCHEMA });
      try {
        const result = await rekeySecrets(store, previous, next);
        if (result.status === "already") process.stdout.write(`the secrets are already encrypted under the key in ${MASTER_KEY_ENV}; nothing to do\n`);
        else process.stdout.write(`re-encrypted ${result.secrets} secret${result.secrets === 1 ? "" : "s"} under the new master key; restart every node with ${MASTER_KEY_ENV} set to it\n`);
        if (previous.origin.startsWith("key file")) {
          process.stdout.write(`the ${previous.origin} still holds the old key: keep ${MASTER_KEY_ENV} set (it takes precedence), or write the new key into that file\n`);
        }
      } finally {
        await store.close();
      }
    });
}

/** The secret value from stdin, without its trailing newline; refuses an empty or oversized one. */
async function readValue(name: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`type the value of ${name}, then Enter and Ctrl-D (piping it in keeps it off the screen)\n`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Room for the value and a CRLF that is dropped below.
    if (size > MAX_SECRET_BYTES + 2) throw new ValidationError(`secret ${name}: the value on stdin is larger than ${MAX_SECRET_BYTES} bytes (64 KiB)`);
    chunks.push(chunk);
  }
  const value = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  if (value === "") throw new ValidationError(`secret ${name}: stdin was empty; pipe the value in, e.g. \`printf %s "$VALUE" | reflex secrets set ${name}\``);
  return value;
}

/** The old key from the data directory's key file, for a node that never had REFLEX_MASTER_KEY. */
async function keyFileKey(dataDir: string): Promise<MasterKey> {
  const file = join(dataDir, KEY_FILE_NAME);
  const text = await readKeyFile(file);
  if (text === undefined) throw new ValidationError(`${OLD_KEY_ENV} is not set and there is no key file ${file}: set ${OLD_KEY_ENV} to the key the secrets were encrypted with`);
  return parseMasterKey(text, `key file ${file}`);
}
