// Byte limits on text (log lines, captured output, response bodies) must not cut a UTF-8
// character in two, or the kept text would end in a replacement character. One helper finds
// the last character boundary at or before a byte limit.

/** The longest start of `bytes` that is at most `maxBytes` long and ends on a character boundary. */
export function utf8Prefix(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.byteLength <= maxBytes) return bytes;
  let end = Math.max(0, Math.floor(maxBytes));
  // A continuation byte (10xxxxxx) right after the cut means the cut is inside a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
