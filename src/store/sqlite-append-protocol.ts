// The messages between the main thread and the SQLite writer thread, in one place so that
// both sides agree on them. One request is one group of events committed in one transaction.
import type { AppendRow } from "./event-repository.js";

/** What the writer thread is started with. */
export interface AppendWorkerData {
  /** Path of the SQLite database file, already migrated by the main thread. */
  file: string;
}

/** Main → writer: commit these rows in one transaction. */
export interface AppendRequest {
  id: number;
  rows: readonly AppendRow[];
}

/** Writer → main: the outcome of one request, after COMMIT (or after its rollback). */
export type AppendReply = { id: number; seqs: (number | null)[] } | { id: number; error: string };

/** True when `message` has the shape of an append request. */
export function isAppendRequest(message: unknown): message is AppendRequest {
  if (typeof message !== "object" || message === null) return false;
  const { id, rows } = message as Record<string, unknown>;
  return typeof id === "number" && Array.isArray(rows);
}

/** True when `message` has the shape of an append reply. */
export function isAppendReply(message: unknown): message is AppendReply {
  if (typeof message !== "object" || message === null) return false;
  const { id, seqs, error } = message as Record<string, unknown>;
  return typeof id === "number" && (Array.isArray(seqs) || typeof error === "string");
}

/** True when `data` is what the writer thread needs to start. */
export function isAppendWorkerData(data: unknown): data is AppendWorkerData {
  return typeof data === "object" && data !== null && typeof (data as Record<string, unknown>).file === "string";
}
