// The contract between the consumer loop and each broker's consumer: open a session (connect,
// make sure the stream, queue, consumer or subscription is there, start receiving), learn when
// it ends by itself (connection lost, storage failed, the broker cancelled), and close it so
// that messages being stored are acknowledged before the connection goes.
import type { Logger } from "pino";
import type { BrokerSourceSpec } from "../config/types.js";
import type { ResolvedConnection } from "./credentials.js";
import type { Receive } from "./receive.js";

/** A live connection consuming one source. */
export interface BrokerSession {
  /** Rejects with the reason when the session ends by itself; resolves when `close` ended it. */
  readonly ended: Promise<void>;
  /** Stops taking messages, lets those being stored finish and be acknowledged, then disconnects. */
  close(): Promise<void>;
}

/** What opening a session needs. */
export interface SessionContext<Spec extends BrokerSourceSpec = BrokerSourceSpec> {
  spec: Spec;
  connection: ResolvedConnection;
  receive: Receive;
  /** This node's stable id, for names that must differ between nodes (Redis consumer, shared MQTT client). */
  nodeId: string;
  logger: Logger;
}

/** Opens a session; rejects when the broker cannot be reached or the source is not set up there. */
export type OpenSession<Spec extends BrokerSourceSpec = BrokerSourceSpec> = (context: SessionContext<Spec>) => Promise<BrokerSession>;

/** Settles the way a session's `ended` does: resolve() after a close, fail(err) when it broke. */
export interface SessionEnd {
  readonly ended: Promise<void>;
  resolve(): void;
  fail(err: unknown): void;
  /** True once resolved or failed. */
  readonly settled: boolean;
}

/** A fresh SessionEnd; only the first settle counts. */
export function sessionEnd(): SessionEnd {
  let settle: { resolve(): void; reject(err: unknown): void } = { resolve: () => undefined, reject: () => undefined };
  const ended = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // The loop awaits `ended`; this keeps an early failure from counting as unhandled meanwhile.
  ended.catch(() => undefined);
  const end = {
    ended,
    settled: false,
    resolve() {
      if (end.settled) return;
      end.settled = true;
      settle.resolve();
    },
    fail(err: unknown) {
      if (end.settled) return;
      end.settled = true;
      settle.reject(err);
    },
  };
  return end;
}
