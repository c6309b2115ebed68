// A loopback HTTP server standing in for a cloud API in the cloud packs' tests: it records each
// request (method, target, headers, raw body) and answers with what the test's handler returns,
// so a test can check the signature with the simulator's verifiers and answer like the vendor.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server received it. */
export interface CloudRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer: a status and a JSON body (a string is sent as text). */
export interface CloudReply {
  status?: number;
  body: unknown;
}

export interface CloudServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Every request received, in order. */
  requests: CloudRequest[];
  close(): Promise<void>;
}

/** Starts a server on a free loopback port that answers each request with `handle`. */
export async function startCloudServer(handle: (request: CloudRequest) => CloudReply | Promise<CloudReply>): Promise<CloudServer> {
  const requests: CloudRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(request);
      Promise.resolve(handle(request)).then(
        (reply) => {
          const text = typeof reply.body === "string";
          res.writeHead(reply.status ?? 200, { "content-type": text ? "text/html" : "application/json; charset=utf-8" });
          res.end(text ? reply.body : JSON.stringify(reply.body));
        },
        (err: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(err));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
