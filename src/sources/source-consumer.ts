// One broker source kept consuming: resolve its credentials, open a session, wait for it to
// end, and when it ends by itself (broker down, connection lost, storage failing) wait the
// backoff and start again — for as long as the source is configured. Every state change is
// logged once and shows in `status()`.
import type { Logger } from "pino";
import { withoutCredentials } from "../config/kinds/source-broker-url.js";
import type { BrokerSourceSpec } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import type { BrokerSession, OpenSession } from "./broker-session.js";
import type { CredentialSources } from "./credentials.js";
import { resolveConnection } from "./credentials.js";
import type { Receive } from "./receive.js";
import type { BackoffBounds } from "./reconnect-backoff.js";
import { DEFAULT_BACKOFF, pause, reconnectDelay } from "./reconnect-backoff.js";

/** Where a source's consumer is: connecting, consuming, waiting to reconnect, or stopped. */
export type SourceState = "connecting" | "consuming" | "waiting" | "stopped";

/** A source's consumer as `status()` shows it. */
export interface SourceStatus {
  name: string;
  type: BrokerSourceSpec["type"];
  bus: string;
  /** The broker's URL, without credentials. */
  url: string;
  state: SourceState;
  /** Epoch ms of the last state change. */
  since: number;
  /** Why the last session failed, while it has not consumed again since; else null. */
  lastError: string | null;
  /** Failures in a row. */
  failures: number;
}

/** What a consumer needs. */
export interface SourceConsumerDeps {
  open: OpenSession;
  receive: Receive;
  credentials: CredentialSources;
  nodeId: string;
  logger: Logger;
  clock: Clock;
  backoff?: BackoffBounds;
}

/** A session that lasted this long resets the count of failures in a row. */
const HEALTHY_SESSION_MS = 60_000;

export class SourceConsumer {
  private state: SourceState = "stopped";
  private since: number;
  private lastError: string | null = null;
  private failures = 0;
  private session: BrokerSession | null = null;
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    readonly spec: BrokerSourceSpec,
    private readonly deps: SourceConsumerDeps,
  ) {
    this.since = deps.clock.now();
  }

  /** Starts consuming (in the background). */
  start(): void {
    this.running ??= this.run();
  }

  /** Stops: the open session lets messages being stored finish, then disconnects. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.session?.close();
    await this.running;
    this.setState("stopped");
  }

  status(): SourceStatus {
    const { spec } = this;
    return { name: spec.name, type: spec.type, bus: spec.bus, url: withoutCredentials(spec.connection.url), state: this.state, since: this.since, lastError: this.lastError, failures: this.failures };
  }

  private async run(): Promise<void> {
    const { spec, deps } = this;
    const log = deps.logger.child({ source: spec.name, broker: spec.type, url: withoutCredentials(spec.connection.url) });
    while (!this.stopping.signal.aborted) {
      this.setState("connecting");
      const started = performance.now();
      try {
        const connection = await resolveConnection(spec.connection, deps.credentials, `source '${spec.name}'`);
        const session = await deps.open({ spec, connection, receive: deps.receive, nodeId: deps.nodeId, logger: log });
        this.session = session;
        if (this.stopping.signal.aborted) {
          await session.close();
          break;
        }
        log.info(this.failures > 0 ? `source '${spec.name}' consuming again after ${this.failures} failure(s)` : `source '${spec.name}' consuming`);
        this.lastError = null;
        this.setState("consuming");
        await session.ended;
        if (this.stopping.signal.aborted) break;
      } catch (err) {
        if (this.stopping.signal.aborted) break;
        await this.session?.close().catch(() => undefined);
        this.lastError = err instanceof Error ? err.message : String(err);
      }
      this.session = null;
      if (performance.now() - started >= HEALTHY_SESSION_MS) this.failures = 0;
      this.failures += 1;
      const delay = reconnectDelay(this.failures, deps.backoff ?? DEFAULT_BACKOFF);
      log.warn({ failures: this.failures, retryInMs: delay }, `source '${spec.name}': ${this.lastError ?? "the session ended"}; connecting again in ${delay} ms`);
      this.setState("waiting");
      await pause(delay, this.stopping.signal);
    }
  }

  private setState(state: SourceState): void {
    if (state === this.state) return;
    this.state = state;
    this.since = this.deps.clock.now();
  }
}
