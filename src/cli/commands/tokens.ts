// `reflex tokens create|list|revoke`: token administration on the host, straight on the store
// (the data directory or DATABASE_URL), so an operator who lost every admin token can still
// get in. Over the network, the same is at /api/v1/tokens.
import type { Command } from "commander";
import { parseDuration } from "../../core/duration.js";
import { NotFoundError } from "../../core/errors.js";
import { systemClock } from "../../core/clock.js";
import { TokenService, toInfo } from "../../server/auth/token-service.js";
import { openStore } from "../../store/open-store.js";
import type { Store } from "../../store/open-store.js";
import { listTokens, revokeToken } from "../../store/token-repository.js";
import { printJson, printTable } from "../output.js";

interface StoreOptions {
  data: string;
  databaseUrl?: string;
  json?: boolean;
}

async function withStore<T>(command: Command, work: (store: Store, json: boolean) => Promise<T>): Promise<T> {
  const g = command.optsWithGlobals<StoreOptions>();
  const store = await openStore({ dataDir: g.data, databaseUrl: g.databaseUrl, schema: process.env.REFLEX_DB_SCHEMA });
  try {
    return await work(store, g.json === true);
  } finally {
    await store.close();
  }
}

export function tokensCommand(program: Command): void {
  const tokens = program
    .command("tokens")
    .description("create, list and revoke API tokens (on the Reflex host's database)")
    .option("-d, --data <dir>", "data directory of the embedded database", process.env.REFLEX_DATA_DIR ?? ".reflex")
    .option("--database-url <url>", "postgres://… when Reflex runs on PostgreSQL", process.env.DATABASE_URL);

  tokens
    .command("create")
    .description("create a token; its value is printed once")
    .requiredOption("-n, --name <name>", "who or what uses it")
    .option("-r, --role <role>", "viewer, operator or admin", "operator")
    .option("-e, --expires <duration>", "lifetime, e.g. 90d")
    .action(async (opts: { name: string; role: string; expires?: string }, command: Command) =>
      withStore(command, async (store, json) => {
        const service = new TokenService(store, systemClock);
        const created = await service.create({ name: opts.name, role: opts.role, expiresInMs: opts.expires === undefined ? undefined : parseDuration(opts.expires, "--expires") });
        if (json) printJson(created);
        else process.stdout.write(`${created.token}\n`);
      }),
    );

  tokens
    .command("list")
    .description("list tokens (never their values)")
    .action(async (_opts: unknown, command: Command) =>
      withStore(command, async (store, json) => {
        const items = (await listTokens(store.db)).map(toInfo);
        if (json) printJson({ items });
        else printTable(items.map((t) => ({ ...t, state: t.revokedAt ? "revoked" : "active" })), ["id", "name", "role", "prefix", "state", "createdAt", "lastUsedAt", "expiresAt"]);
      }),
    );

  tokens
    .command("revoke <idOrName>")
    .description("revoke a token by id or name")
    .action(async (idOrName: string, _opts: unknown, command: Command) =>
      withStore(command, async (store) => {
        const n = await revokeToken(store.db, idOrName, systemClock.now());
        if (n === 0) throw new NotFoundError("active token", idOrName);
        process.stdout.write(`revoked ${n} token${n === 1 ? "" : "s"}\n`);
      }),
    );
}
