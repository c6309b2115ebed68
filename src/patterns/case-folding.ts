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
