// The first run's admin token. A newcomer who runs `npm start` twice must be able to sign in
// both times, so the playground keeps its token in the data directory (`playground-token`,
// readable by its owner only) and registers it at each start; `reflex up --config DIR` never
// does this — there the token is printed once and kept by nobody but the operator.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "playground-token";
const SHAPE = /^rfx_[A-Za-z0-9_-]{20,}$/;

/** The playground's admin token from `dataDir`, created there on the first start. */
export function playgroundToken(dataDir: string): string {
  const path = join(dataDir, FILE);
  if (existsSync(path)) {
    const token = readFileSync(path, "utf8").trim();
    if (SHAPE.test(token)) return token;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = `rfx_${randomBytes(32).toString("base64url")}`;
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}
