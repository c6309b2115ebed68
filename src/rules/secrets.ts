// Secrets of targets as written in config: inline text, or `{env: NAME}` read from
// the environment at the moment they are used (so a rotated variable takes effect on restart
// without touching stored deliveries), and the HMAC-SHA256 signatures made with them.
import { createHmac } from "node:crypto";
import type { SecretRef } from "../config/types.js";
import { ReflexError } from "../core/errors.js";

/** A secret that names an environment variable which is not set. */
export class SecretUnavailableError extends ReflexError {
  constructor(what: string, variable: string) {
    super("secret_unavailable", `${what} reads environment variable ${variable}, which is not set on this node; set it and restart, then re-drive the delivery`);
  }
}

/** The secret's value; `what` names it in the error. */
export function resolveSecret(ref: SecretRef, env: Readonly<Record<string, string | undefined>>, what: string): string {
  if (typeof ref === "string") return ref;
  const value = env[ref.env];
  if (value === undefined || value === "") throw new SecretUnavailableError(what, ref.env);
  return value;
}

/** `sha256=<hex HMAC-SHA256 of body>`, the form of `X-Reflex-Signature`. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
