// Server-sent events (the `text/event-stream` format of the HTML standard) written straight to
// a Node response, for live views that outlive one request/response: each event is flushed as
// it is written (no framework buffering, and `X-Accel-Buffering: no` asks proxies for the same),
// and a comment line every `heartbeatMs` keeps idle connections from being cut by proxies and
// lets either side notice a dead peer.
import type { ServerResponse } from "node:http";

/** How a stream is set up. */
export interface SseOptions {
  /** Interval of the `: ping` comments. */
  heartbeatMs: number;
}

/** One open event stream on a response. */
export class SseStream {
  private readonly heartbeat: NodeJS.Timeout;
  private ended = false;

  /** Writes the response head and starts the heartbeat. */
  constructor(
    private readonly res: ServerResponse,
    options: SseOptions,
  ) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(": ping\n\n"), options.heartbeatMs);
    res.once("close", () => this.close());
  }

  /** False once the stream was closed by either side. */
  get open(): boolean {
    return !this.ended && !this.res.destroyed;
  }

  /** True while earlier events still wait in the socket's buffer (a slow reader). */
  get congested(): boolean {
    return this.res.writableNeedDrain;
  }

  /** Sends one event; `data` is written as one line of JSON. */
  send(event: string, data: unknown, id?: string): void {
    this.write(`event: ${event}\n${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
  }

  /** Calls `listener` once when the stream closes, whichever side closed it. */
  onClose(listener: () => void): void {
    this.res.once("close", listener);
  }

  /** Stops the heartbeat and ends the response. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
  }

  private write(text: string): void {
    if (this.open) this.res.write(text);
  }
}
