// `secrets` in a rule's templates are by reference: when a target is rendered (at match time,
// and stored with the delivery), `{{ secrets.NAME }}` renders as a placeholder token, never
// the value; the value replaces the token only in the request being sent, at each attempt, and
// is hidden again (`***`) from what the attempt records. A rotated secret takes effect at the
// next attempt, and no stored delivery holds a secret. Tokens are substituted in text as
// written: a template that transforms a secret (`$uppercase(secrets.x)`) transforms the token.
import { ReflexError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { redactor } from "../core/redact.js";
import type { Redactor } from "../core/redact.js";
import { NO_SECRETS, referencedSecrets } from "../core/secrets.js";
import type { SecretResolver } from "../core/secrets.js";

/** A unit-separator character: never in config text, and kept as is through JSON. */
const MARK = String.fromCharCode(0x1f);
const TOKEN = new RegExp(`${MARK}secret:([^${MARK}]+)${MARK}`, "g");

/** The `secrets` object templates render against: each name its target refers to, as a token. */
export function secretTokens(templates: unknown): JsonObject {
  return Object.fromEntries(referencedSecrets(JSON.stringify(templates)).map((name) => [name, `${MARK}secret:${name}${MARK}`]));
}

/** A value with its tokens replaced by secret values, and a redactor for those values. */
export interface Filled<T extends JsonValue> {
  value: T;
  redact: Redactor;
}

/** Replaces the secret tokens in every string of `value`; rejects with SecretNotSetError when one is not set. */
export async function fillSecretTokens<T extends JsonValue>(value: T, secrets: SecretResolver | undefined): Promise<Filled<T>> {
  const names = new Set<string>();
  mapStrings(value, (text) => {
    for (const m of text.matchAll(TOKEN)) names.add(m[1] ?? "");
    return text;
  });
  if (names.size === 0) return { value, redact: (t) => t };
  const values = await (secrets ?? NO_SECRETS).resolve([...names]);
  const filled = mapStrings(value, (text) => text.replace(TOKEN, (_, name: string) => values[name] ?? "")) as T;
  return { value: filled, redact: redactor(Object.values(values)) };
}

function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [map(k), mapStrings(v, map)]));
  return value;
}

/** True for the error of a secret that is not set (the attempt fails for good). */
export function isSecretError(err: unknown): err is ReflexError {
  return err instanceof ReflexError && err.code === "secret_not_set";
}
