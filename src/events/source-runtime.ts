// A declared push source made ready to serve: its adapter (for webhooks, the mapping compiled
// once), and its token or HMAC key resolved from config or the environment. A source whose
// secret cannot be resolved admits nobody but holders of an operator token (fail closed).
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseBearer } from "../core/bearer.js";
import type { SecretRef, SourceSpec } from "../config/types.js";
import { adapters, createWebhookAdapter } from "./adapters/index.js";
import type { Adapter } from "./adapters/index.js";

export interface SourceRuntime {
  spec: SourceSpec;
  adapter: Adapter;
  /** True when the request carries this source's token or a valid signature of its body. */
  admits(headers: Record<string, string | string[] | undefined>, body: Buffer): boolean;
}

/** Builds runtimes for all sources; `problems` names secrets that could not be resolved. */
export function buildSourceRuntimes(
  sources: ReadonlyMap<string, SourceSpec>,
  env: Readonly<Record<string, string | undefined>>,
): { runtimes: Map<string, SourceRuntime>; problems: string[] } {
  const runtimes = new Map<string, SourceRuntime>();
  const problems: string[] = [];
  for (const spec of sources.values()) {
    const resolve = (ref: SecretRef | undefined, field: string): string | null | undefined => {
      if (ref === undefined) return undefined;
      if (typeof ref === "string") return ref;
      const value = env[ref.env];
      if (value === undefined || value === "") {
        problems.push(`source '${spec.name}': auth.${field} reads environment variable ${ref.env}, which is not set; the source refuses requests without an operator token`);
        return null;
      }
      return value;
    };
    const token = resolve(spec.auth?.token, "token");
    const hmacSecret = resolve(spec.auth?.hmacSecret, "hmacSecret");
    const adapter = spec.type === "webhook" ? createWebhookAdapter(spec.mapping ?? {}) : adapters[spec.type];
    runtimes.set(spec.name, { spec, adapter, admits: (headers, body) => admits(headers, body, token, hmacSecret) });
  }
  return { runtimes, problems };
}

function admits(
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  token: string | null | undefined,
  hmacSecret: string | null | undefined,
): boolean {
  const presented = parseBearer(headerValue(headers.authorization));
  if (token && presented !== undefined && safeEqual(presented, token)) return true;
  const signature = headerValue(headers["x-reflex-signature"]);
  if (hmacSecret && signature) {
    const presented = /^sha256=([0-9a-fA-F]{64})$/.exec(signature.trim())?.[1];
    const expected = createHmac("sha256", hmacSecret).update(body).digest("hex");
    if (presented !== undefined && safeEqual(presented.toLowerCase(), expected)) return true;
  }
  return false;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
