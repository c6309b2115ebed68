// Shared pieces of the secrets tests: master keys, a secret store on the test database, and a
// real HTTP server on loopback that serves the secrets routes behind the real auth guard and
// problem handler, logging everything at trace level (request logging on) into memory, so a
// test can scan every answer and every log line for a secret's value.
import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import type { Clock } from "../../src/core/clock.js";
import { systemClock } from "../../src/core/clock.js";
import { parseMasterKey, SecretStore } from "../../src/secrets/index.js";
import type { MasterKey } from "../../src/secrets/index.js";
import { installAuthGuard } from "../../src/server/auth/guard.js";
import { TokenService } from "../../src/server/auth/token-service.js";
import { problemHandler } from "../../src/server/problem.js";
import { secretRoutes } from "../../src/server/routes/secrets.js";
import type { Store } from "../../src/store/open-store.js";

/** A fresh random master key as `REFLEX_MASTER_KEY` would hold it (base64). */
export function newKeyText(): string {
  return randomBytes(32).toString("base64");
}

/** A fresh random master key. */
export function newKey(origin = "REFLEX_MASTER_KEY"): MasterKey {
  return parseMasterKey(newKeyText(), origin);
}

/** A secret store on `store` with a fixed key. */
export function storeWithKey(store: Store, key: MasterKey, clock: Clock = systemClock, cacheMs?: number): SecretStore {
  return new SecretStore({ store, clock, masterKey: async () => key, cacheMs });
}

export interface SecretsServer {
  url: string;
  app: FastifyInstance;
  secrets: SecretStore;
  tokens: { admin: string; operator: string; viewer: string };
  /** Every log line the server wrote. */
  logs: string[];
  close(): Promise<void>;
}

/** Serves the secrets routes of `secrets` on a loopback port. */
export async function startSecretsServer(store: Store, secrets: SecretStore): Promise<SecretsServer> {
  const logs: string[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void logs.push(line) });
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true } } });
  app.setErrorHandler(problemHandler);
  const tokenService = new TokenService(store, systemClock);
  installAuthGuard(app, tokenService, "on");
  secretRoutes(app, { secrets });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const make = async (role: string) => (await tokenService.create({ name: `${role}-${randomBytes(3).toString("hex")}`, role })).token;
  return {
    url,
    app,
    secrets,
    tokens: { admin: await make("admin"), operator: await make("operator"), viewer: await make("viewer") },
    logs,
    close: () => app.close(),
  };
}
