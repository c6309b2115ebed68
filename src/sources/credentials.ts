// Broker credentials as config writes them — literal text, text holding `{{ secrets.NAME }}`,
// or `{env: NAME}` — turned into values at the moment a connection is made (a consumer's
// connect or reconnect, a queue target's attempt), never earlier, so a rotated secret takes
// effect at the next connection and no value sits in a spec, a record or a log line.
import type { BrokerConnectionSpec, BrokerType, SecretRef } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import type { SecretResolver } from "../core/secrets.js";
import { referencedSecrets } from "../core/secrets.js";
import { compileTemplate } from "../expr/index.js";

/** Where credential values come from. */
export interface CredentialSources {
  env: Readonly<Record<string, string | undefined>>;
  secrets: SecretResolver;
}

/** A credential names an environment variable that is not set on this node. */
export class CredentialUnavailableError extends ReflexError {
  constructor(what: string, variable: string) {
    super("credential_unavailable", `${what} reads environment variable ${variable}, which is not set on this node; set it and restart`);
  }
}

/** A connection with its credentials resolved. */
export interface ResolvedConnection {
  broker: BrokerType;
  url: string;
  username?: string;
  password?: string;
  token?: string;
  /** Every credential value, to hide in anything shown (error messages from the clients). */
  secretValues: string[];
}

/** The value of one credential; `what` names it in errors (e.g. `source 'alarms' password`). */
export async function resolveCredential(ref: SecretRef, from: CredentialSources, what: string): Promise<string> {
  if (typeof ref !== "string") {
    const value = from.env[ref.env];
    if (value === undefined || value === "") throw new CredentialUnavailableError(what, ref.env);
    return value;
  }
  if (!ref.includes("{{")) return ref;
  const values = await from.secrets.resolve(referencedSecrets(ref));
  const rendered: JsonValue = await compileTemplate(ref).render({ secrets: { ...values } });
  return typeof rendered === "string" ? rendered : JSON.stringify(rendered);
}

/** The connection's credentials resolved; `owner` names where they are written (e.g. `source 'alarms'`). */
export async function resolveConnection(spec: BrokerConnectionSpec, from: CredentialSources, owner: string): Promise<ResolvedConnection> {
  const resolved: ResolvedConnection = { broker: spec.broker, url: spec.url, secretValues: [] };
  for (const field of ["username", "password", "token"] as const) {
    const ref = spec[field];
    if (ref === undefined) continue;
    const value = await resolveCredential(ref, from, `${owner} ${field}`);
    resolved[field] = value;
    if (field !== "username") resolved.secretValues.push(value);
  }
  const inUrl = /^[a-z][a-z0-9+.-]*:\/\/[^@/]*:([^@/]*)@/i.exec(spec.url)?.[1];
  if (inUrl) resolved.secretValues.push(inUrl, percentDecoded(inUrl));
  return resolved;
}

/** `text` with its %XX escapes decoded, or as it is when they are malformed. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
