// Creating and checking API tokens. A token is `rfx_` + 43 characters of base64url randomness;
// the store keeps its SHA-256 (a fast hash is right for 256-bit random secrets). Verified
// tokens are cached for a few seconds, so a busy ingest path does not read the database on
// every request; a revocation takes effect on every node within that time.
import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../../core/clock.js";
import { ValidationError } from "../../core/errors.js";
import { formatOptionalRfc3339, formatRfc3339 } from "../../core/rfc3339.js";
import { newId } from "../../core/ids.js";
import type { Store } from "../../store/open-store.js";
import { findTokenByHash, hasActiveAdmin, insertToken, touchToken } from "../../store/token-repository.js";
import type { Role } from "../../core/roles.js";
import { isRole } from "../../core/roles.js";

/** Who made a request, once their token checked out. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** A token as listed: never the secret itself. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const CACHE_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
const TOKEN_SHAPE = /^rfx_[A-Za-z0-9_-]{20,}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export class TokenService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates a token and returns it in clear, the only time it is ever shown. */
  async create(input: { name: string; role: string; expiresInMs?: number; token?: string }): Promise<{ token: string; info: TokenInfo }> {
    if (!isRole(input.role)) throw new ValidationError(`role '${input.role}' is not one of viewer, operator, admin`, { pointer: "/role" });
    if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(input.name)) {
      throw new ValidationError(`token name '${input.name}' must be 1-64 letters, digits, '.', '_', '@' or '-'`, { pointer: "/name" });
    }
    const token = input.token ?? `rfx_${randomBytes(32).toString("base64url")}`;
    if (!TOKEN_SHAPE.test(token)) throw new ValidationError("a token must look like rfx_ followed by at least 20 base64url characters");
    const now = this.clock.now();
    const row = {
      id: newId(now),
      name: input.name,
      role: input.role,
      token_hash: hashToken(token),
      prefix: token.slice(0, 12),
      created_ms: now,
      last_used_ms: null,
      expires_ms: input.expiresInMs === undefined ? null : now + input.expiresInMs,
      revoked_ms: null,
    };
    await insertToken(this.store.db, row);
    return { token, info: toInfo(row) };
  }

  /** The principal for a presented token, or null when it is unknown, revoked or expired. */
  async verify(token: string): Promise<Principal | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const hash = hashToken(token);
    const now = this.clock.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const row = await findTokenByHash(this.store.db, hash);
    const usable = row && row.revoked_ms === null && (row.expires_ms === null || row.expires_ms > now) && isRole(row.role);
    const principal = usable ? { tokenId: row.id, name: row.name, role: row.role as Role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_MS });
    if (principal && (this.touched.get(principal.tokenId) ?? 0) + TOUCH_EVERY_MS < now) {
      this.touched.set(principal.tokenId, now);
      await touchToken(this.store.db, principal.tokenId, now);
    }
    return principal;
  }

  /** Forgets cached answers, e.g. right after a revocation on this node. */
  forget(): void {
    this.cache.clear();
  }

  /**
   * Makes sure an admin can get in on first start: registers `presetToken` (REFLEX_ADMIN_TOKEN)
   * if given and unknown, else creates a token when no usable admin token exists. Returns the
   * token created in clear, to be printed once, or null.
   */
  async bootstrapAdmin(presetToken: string | undefined): Promise<string | null> {
    if (presetToken !== undefined && presetToken !== "") {
      const existing = await findTokenByHash(this.store.db, hashToken(presetToken));
      if (!existing) await this.create({ name: "bootstrap-admin", role: "admin", token: presetToken });
      return null;
    }
    if (await hasActiveAdmin(this.store.db, this.clock.now())) return null;
    const { token } = await this.create({ name: "initial-admin", role: "admin" });
    return token;
  }
}

export function toInfo(row: {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_ms: number;
  last_used_ms: number | null;
  expires_ms: number | null;
  revoked_ms: number | null;
}): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: isRole(row.role) ? row.role : "viewer",
    prefix: row.prefix,
    createdAt: formatRfc3339(Number(row.created_ms)),
    lastUsedAt: formatOptionalRfc3339(row.last_used_ms),
    expiresAt: formatOptionalRfc3339(row.expires_ms),
    revokedAt: formatOptionalRfc3339(row.revoked_ms),
  };
}
