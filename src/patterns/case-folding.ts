// Case folding for `equals-ignore-case` and the ignore-case forms of `prefix` and `suffix`.
// Each code point folds to exactly one code point (upper- then lower-casing, keeping the
// original when Unicode maps it to several), so a folded string keeps its length in code
// points: "prefix ignoring case" is then plain `startsWith` on folded strings, and the rule
// index can keep folded prefixes in an ordinary trie.

/** The case-folded form of a string; equal folds mean equal ignoring case. */
export function foldCase(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  let out = "";
  for (const ch of text) out += foldCodePoint(ch);
  return out;
}

function foldCodePoint(ch: string): string {
  const upper = ch.toUpperCase();
  if (isOneCodePoint(upper)) {
    const lower = upper.toLowerCase();
    if (isOneCodePoint(lower)) return lower;
  }
  const lower = ch.toLowerCase();
  return isOneCodePoint(lower) ? lower : ch;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isOneCodePoint(text: string): boolean {
  const cp = text.codePointAt(0);
  return cp !== undefined && text.length === (cp > 0xffff ? 2 : 1);
}

// Comparisons of an event value with an already folded text. Event values are mostly ASCII, and
// an ASCII code unit folds on its own (A–Z to a–z), so these compare unit by unit without
// building the folded value; the first unit beyond ASCII falls back to folding the whole value.
// No code point's fold has a different UTF-16 length (test/patterns/case-folding.test.ts checks
// every one), so a folded value is as long as the value, and the units compared before the
// fallback sit where they would in the folded value.

const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const ASCII_MAX = 0x7f;
/** Returned by foldedUnit for a unit that does not fold on its own. */
export const NOT_ASCII = -1;

/** The folded form of an ASCII code unit, or NOT_ASCII. */
export function foldedUnit(unit: number): number {
  if (unit > ASCII_MAX) return NOT_ASCII;
  return unit >= UPPER_A && unit <= UPPER_Z ? unit + 0x20 : unit;
}

/** Whether `text` folds to `folded`. */
export function foldedEquals(text: string, folded: string): boolean {
  if (text.length !== folded.length) return false;
  for (let i = 0; i < text.length; i++) {
    const unit = foldedUnit(text.charCodeAt(i));
    if (unit === NOT_ASCII) return foldCase(text) === folded;
    if (unit !== folded.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether the fold of `text` starts with `prefix` (folded). */
export function foldedStartsWith(text: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    if (i === text.length) return false;
    const unit = foldedUnit(text.charCodeAt(i));
    if (unit === NOT_ASCII) return foldCase(text).startsWith(prefix);
    if (unit !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether the fold of `text` ends with `suffix` (folded). */
export function foldedEndsWith(text: string, suffix: string): boolean {
  for (let i = 1; i <= suffix.length; i++) {
    if (i > text.length) return false;
    const unit = foldedUnit(text.charCodeAt(text.length - i));
    if (unit === NOT_ASCII) return foldCase(text).endsWith(suffix);
    if (unit !== suffix.charCodeAt(suffix.length - i)) return false;
  }
  return true;
}
