// A webhook endpoint that is not there yet: `closedPort()` finds a loopback port nothing
// listens on (so deliveries to it are refused and die), and `listenOn(port)` later opens a
// receiver there that records what it is sent and answers 200 (so a re-drive succeeds).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A receiver listening on 127.0.0.1. */
export interface Receiver {
  port: number;
  /** The bodies received, in order, as text. */
  bodies: string[];
  close(): Promise<void>;
}

/** A loopback port that was free a moment ago (the OS gave it, then it was closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Listens on `port` (0: any), answering every request 200 `{"ok":true}`. */
export async function listenOn(port: number): Promise<Receiver> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end(`{"ok":true}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
