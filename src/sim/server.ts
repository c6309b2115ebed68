// The simulator on one HTTP port: Tencent Cloud API 3.0 (requests with `X-TC-Action`),
// Alibaba Cloud RPC (`Action` in the query or the form body) and the simulator's own control
// API under /sim, all over one fleet. Reflex's cloud packs point their endpoint override at
// it and run their real SDK code paths; drills and the `reflex sim` CLI drive it through /sim.
// With `forwardTo`, the events the clouds emit are POSTed to a Reflex as the clouds would, or
// published into a broker (NATS JetStream, MQTT) when its URL is a broker's.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAliyunProtocol } from "./aliyun-protocol.js";
import { ChatRobot } from "./chat-robot.js";
import { createControlApi } from "./control-api.js";
import { ControlEventLog } from "./control-event-log.js";
import { ControlError, problemOf } from "./control-problem.js";
import { generateSimCredentials } from "./credentials.js";
import { createFleet } from "./fleet.js";
import { forwardEventsTo } from "./forward-target.js";
import type { ForwardTarget } from "./forward-target.js";
import { BodyTooLargeError, readBody, sendJson, sendText } from "./http-io.js";
import { createTencentProtocol } from "./tencent-protocol.js";
import type { SimChatMessage, SimCredentials, SimFleetApi, SimTimings } from "./types.js";

/** How to start a simulator; every field has a default. */
export interface SimulatorOptions {
  /** Port to listen on (default 0: a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** The fleet to serve (default: a new empty one with `speed` and `timings`); the caller closes a fleet it passes. */
  fleet?: SimFleetApi;
  /** Time scale of a new fleet (10: every timing divided by 10). */
  speed?: number;
  /** Timings of a new fleet. */
  timings?: Partial<SimTimings>;
  /** The keys the clouds accept (default: new random pairs). */
  credentials?: SimCredentials;
  /** When set, control requests that change something need `Authorization: Bearer <token>`. */
  controlToken?: string;
  /** Forward every emitted event to this Reflex (`${url}/api/v1/ingest/${format}`), or publish it to this broker (`nats://`, `mqtt://`, …; see broker-forwarder.ts). */
  forwardTo?: ForwardTarget;
  /** Largest request body, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Called when forwarding an event fails (it is retried). */
  onForwardError?: (err: unknown) => void;
}

/** A simulator that is listening. */
export interface RunningSimulator {
  /** `http://HOST:PORT` */
  url: string;
  fleet: SimFleetApi;
  credentials: SimCredentials;
  /** The messages the stand-in chat robot received, oldest first (of `channel` when given). */
  chat(channel?: string): SimChatMessage[];
  /** Stops listening and forwarding, and closes the fleet it created. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** Starts a simulator. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const ownFleet = options.fleet === undefined;
  const fleet = options.fleet ?? createFleet({ ...(options.speed === undefined ? {} : { speed: options.speed }), ...(options.timings ? { timings: options.timings } : {}) });
  const credentials = options.credentials ?? generateSimCredentials();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const chat = new ChatRobot();
  const events = new ControlEventLog(fleet);
  const tencent = createTencentProtocol({ fleet, credentials: credentials.tencent });
  const aliyun = createAliyunProtocol({ fleet, credentials: credentials.aliyun });
  const control = createControlApi({ fleet, chat, events, ...(options.controlToken === undefined ? {} : { token: options.controlToken }) });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const method = req.method ?? "GET";
    const isTencent = req.headers["x-tc-action"] !== undefined;
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      if (isTencent) return sendJson(res, 200, { Response: { Error: { Code: "RequestSizeLimitExceeded", Message: err.message }, RequestId: randomUUID() } });
      res.setHeader("connection", "close");
      return sendJson(res, 413, problemOf(new ControlError(413, "body_too_large", err.message)), "application/problem+json");
    }
    if (url.pathname === "/sim" || url.pathname.startsWith("/sim/")) {
      const reply = control({ method, url, headers: req.headers, body });
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      if (reply.text !== undefined) return sendText(res, reply.status, reply.text);
      return sendJson(res, reply.status, reply.json, reply.contentType);
    }
    if (isTencent) return sendJson(res, 200, tencent({ method, url: req.url ?? "/", headers: req.headers, body }));
    const params = rpcParams(url, req, body);
    if (params.has("Action")) {
      const reply = aliyun(method, params);
      return sendJson(res, reply.status, reply.body);
    }
    const problem = new ControlError(404, "not_a_cloud_request", `${method} ${url.pathname} is neither a Tencent Cloud API 3.0 request (no X-TC-Action header), an Alibaba Cloud RPC request (no Action parameter), nor a control request (/sim/…)`);
    sendJson(res, 404, problemOf(problem), "application/problem+json");
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, problemOf(new ControlError(500, "internal_error", `the simulator failed: ${err instanceof Error ? err.message : String(err)}`)), "application/problem+json");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let forwarder: ReturnType<typeof forwardEventsTo> | undefined;
  try {
    forwarder = options.forwardTo ? forwardEventsTo(fleet, options.forwardTo, options.onForwardError) : undefined;
  } catch (err) {
    // An unusable forward URL: stop what was started before saying so.
    events.close();
    if (ownFleet) fleet.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }

  return {
    url: `http://${host}:${address.port}`,
    fleet,
    credentials,
    chat: (channel) => chat.messages(channel),
    close: async () => {
      await forwarder?.close();
      events.close();
      if (ownFleet) fleet.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The RPC parameters of a request: its query, then its form body (the aliyun pack posts a form). */
function rpcParams(url: URL, req: IncomingMessage, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(url.search);
  const type = String(req.headers["content-type"] ?? "");
  if (body.length > 0 && (type === "" || type.startsWith("application/x-www-form-urlencoded"))) {
    for (const [name, value] of new URLSearchParams(body.toString("utf8"))) params.append(name, value);
  }
  return params;
}
