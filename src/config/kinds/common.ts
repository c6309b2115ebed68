// Schema parts every config kind shares: the `kind` and `name` every document carries, the
// optional `description`, and the value shapes more than one kind uses (durations, secrets).
// Each schema part carries a `description` written to complete "must be …", which is how
// `schema-problems.ts` words a value that does not fit.
import type { TProperties } from "typebox";
import { Type } from "typebox";
import { DURATION_FORMAT } from "../../core/duration.js";

/** What a `name:` must look like: it appears in URLs, CLI arguments and log lines. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;

/** A document or reference name. */
export const Name = Type.String({
  pattern: NAME_PATTERN.source,
  description: "a name of 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit",
});

/** Name of the string format (registered with the kinds' Ajv) that `parseDuration` accepts. */
export { DURATION_FORMAT };

/** A duration as written in config: `30s`, `10m`, `7d`, `1h30m`, or a number of milliseconds. */
export const Duration = Type.Union([Type.String({ format: DURATION_FORMAT }), Type.Number({ minimum: 0 })], {
  description: "a duration such as 30s, 10m, 7d or 1h30m (or a number of milliseconds)",
});

/** A secret: written inline, or `{env: NAME}` to read it from the environment at start. */
export const SecretRef = Type.Union(
  [Type.String({ minLength: 1 }), Type.Object({ env: Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }) }, { additionalProperties: false })],
  { description: "a secret: an inline string or {env: VARIABLE_NAME}" },
);

/**
 * The schema of a whole document of `kind`: `kind`, `name` and an optional `description`
 * plus the kind's own fields, with no other keys allowed (so typos are caught).
 */
export function documentSchema<const Kind extends string, Fields extends TProperties>(kind: Kind, fields: Fields) {
  return Type.Object(
    { kind: Type.Literal(kind), name: Name, description: Type.Optional(Type.String()), ...fields },
    { additionalProperties: false },
  );
}
