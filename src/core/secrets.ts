// The contract for secrets that every part of Reflex shares: values are looked up by name at
// the moment of use (`{{ secrets.NAME }}` in action inputs and channel settings), never kept
// in config, records or logs. The store that keeps them encrypted lives in `secrets/`; the
// engine, the rules and the channels see only this interface.
import { ReflexError } from "./errors.js";

/** Looks secret values up by name. */
export interface SecretResolver {
  /** The values of `names`; rejects with SecretNotSetError naming every one that is not set. */
  resolve(names: readonly string[]): Promise<Readonly<Record<string, string>>>;
}

/** Some secret a template or an action needs is not set. */
export class SecretNotSetError extends ReflexError {
  constructor(readonly names: readonly string[]) {
    super("secret_not_set", `secret${names.length === 1 ? "" : "s"} ${names.join(", ")} ${names.length === 1 ? "is" : "are"} not set; set ${names.length === 1 ? "it" : "them"} with \`reflex secrets set NAME\` (the value is read from stdin)`, { status: 400 });
  }
}

/** A secret name: letters, digits, `_`, `-` and `.`, starting with a letter. */
export const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

/** The secret names a template text refers to as `secrets.NAME` (or `secrets."NAME"`), in order, without repeats. */
export function referencedSecrets(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\bsecrets\s*\.\s*(?:([A-Za-z][A-Za-z0-9_]*)|"([^"]+)"|`([^`]+)`)/g)) names.add(m[1] ?? m[2] ?? m[3] ?? "");
  names.delete("");
  return [...names];
}

/** A resolver with no secrets at all (every lookup of a name fails). */
export const NO_SECRETS: SecretResolver = {
  resolve: async (names) => {
    if (names.length > 0) throw new SecretNotSetError(names);
    return {};
  },
};
