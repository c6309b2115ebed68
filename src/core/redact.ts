// Secret values must never reach a stored log line, a task result, an error message or an API
// answer. A redactor replaces every occurrence of any secret with `***`; the engine, the rules
// and the channels share it, so it lives in `core/`. The longest secrets are tried first, so a
// secret that contains another is hidden whole; each line of a multi-line secret (a PEM key)
// is also hidden on its own, because logs are split into lines before anything sees them.

/** What a secret is replaced with. */
export const REDACTED = "***";

/** A function that hides the given secret values in a text. */
export type Redactor = (text: string) => string;

/** A redactor for `secrets` (empty values are ignored); the identity when there are none. */
export function redactor(secrets: Iterable<string>): Redactor {
  const values = new Set<string>();
  for (const secret of secrets) {
    if (secret === "") continue;
    values.add(secret);
    if (!secret.includes("\n")) continue;
    for (const line of secret.split("\n")) {
      const trimmed = line.replace(/\r$/, "");
      if (trimmed.trim() !== "") values.add(trimmed);
    }
  }
  if (values.size === 0) return (text) => text;
  const alternatives = [...values].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join("|"), "g");
  return (text) => text.replace(pattern, REDACTED);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
