// The secret settings of a channel (webhook URLs with their tokens, signing keys, SMTP
// credentials) may hold `{{ secrets.NAME }}` placeholders, filled in from the secret store only
// when a message is sent. Such a setting is text, not a template: each `{{ … }}` in it must be a
// bare secret reference, so resolving it cannot fail halfway, leak a value into an expression
// error, or depend on the event. The syntax lives here, with the check the loader runs; the
// channels fill placeholders in with the same functions.
import { SECRET_NAME } from "../../core/secrets.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import type { ChannelSecret } from "../types.js";

/** Any `{{ … }}` in a text. */
const BRACES = /\{\{([\s\S]*?)\}\}/g;

/** The inside of a placeholder: `secrets.NAME` or `secrets."NAME"` (for names with `.` or `-`). */
const REFERENCE = /^\s*secrets\s*\.\s*(?:([A-Za-z][A-Za-z0-9_]*)|"([^"]*)")\s*$/;

/** One `{{ … }}` of a text: the secret it names, or null when it is not a bare secret reference. */
interface Placeholder {
  text: string;
  name: string | null;
}

function placeholders(text: string): Placeholder[] {
  return [...text.matchAll(BRACES)].map((m) => {
    const ref = REFERENCE.exec(m[1] ?? "");
    const name = ref ? (ref[1] ?? ref[2] ?? "") : null;
    return { text: m[0], name: name !== null && SECRET_NAME.test(name) ? name : null };
  });
}

/** True when `text` holds at least one `{{ … }}`. */
export function hasPlaceholders(text: string): boolean {
  return placeholders(text).length > 0;
}

/** The secret names the placeholders of `setting` refer to, in order, without repeats (none for `{env: NAME}`). */
export function placeholderSecrets(setting: ChannelSecret): string[] {
  if (typeof setting !== "string") return [];
  return [...new Set(placeholders(setting).flatMap((p) => (p.name === null ? [] : [p.name])))];
}

/** `text` with each placeholder replaced by `value(name)` of the secret it names. */
export function fillPlaceholders(text: string, value: (name: string) => string): string {
  return text.replace(BRACES, (_whole, inner: string) => {
    const ref = REFERENCE.exec(inner);
    return value(ref ? (ref[1] ?? ref[2] ?? "") : "");
  });
}

/** A problem for each `{{ … }}` of `setting` (at `pointer`) that is not a bare secret reference. */
export function placeholderProblems(setting: ChannelSecret | undefined, pointer: string, at: ProblemLocator): ConfigProblem[] {
  if (typeof setting !== "string") return [];
  return placeholders(setting)
    .filter((p) => p.name === null)
    .map((p) => at.problem(pointer, `${p.text} is not a secret placeholder: a channel setting may only embed {{ secrets.NAME }} (a name of letters, digits, '_', '.' or '-', starting with a letter; write secrets."my.name" for one with '.' or '-')`));
}
