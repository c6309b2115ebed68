// Identifier generation. Ids are time-ordered (UUIDv7 layout) so that they sort by creation
// and index well, and random enough to be generated on many nodes without coordination.
import { randomBytes, randomUUID } from "node:crypto";

/** A UUIDv7: 48-bit millisecond timestamp, then random bits. */
export function newId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The smallest UUIDv7 of millisecond `ms`: an id made at `ms` or later sorts at or above it,
 * one made earlier below it (ids compare as lower-case hex text), so a time window over
 * time-ordered ids is a range of ids and uses their index.
 */
export function firstIdAt(ms: number): string {
  const hex = Math.min(Math.max(0, Math.floor(ms)), 0xffffffffffff).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** A random UUIDv4, for values that must not reveal creation time. */
export function randomId(): string {
  return randomUUID();
}
