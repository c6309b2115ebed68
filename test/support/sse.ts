// A server-sent events client on node's http module, for tests of live views: it records the
// events as they arrive (data parsed as JSON), counts comment lines, and notes when the
// server ends the stream. Tests wait on what it recorded with `waitFor`.
import { request } from "node:http";
import type { ClientRequest, IncomingHttpHeaders } from "node:http";

export interface SseEvent {
  event: string;
  id: string | undefined;
  data: unknown;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  /** True once the server ended the response. */
  ended = false;
  private buffer = "";

  private constructor(
    private readonly req: ClientRequest,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    /** The body of a response that is not an event stream (a problem). */
    readonly body: () => string,
  ) {}

  /** Opens `url`; resolves once the response head has arrived. */
  static connect(url: string, token: string | null): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: "text/event-stream", ...(token === null ? {} : { authorization: `Bearer ${token}` }) } }, (res) => {
        let raw = "";
        const client = new SseClient(req, res.statusCode ?? 0, res.headers, () => raw);
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          raw += chunk;
          client.feed(chunk);
        });
        res.on("end", () => (client.ended = true));
        res.on("close", () => (client.ended = true));
        resolve(client);
      });
      req.on("error", reject);
      req.end();
    });
  }

  /** Events of one name, in order. */
  named(event: string): SseEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Goes away, as a browser tab closing would. */
  close(): void {
    this.req.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = "message";
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) this.comments += 1;
        else if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("id: ")) id = line.slice(4);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length > 0) this.events.push({ event, id, data: JSON.parse(data.join("\n")) });
    }
  }
}
