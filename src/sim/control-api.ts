// The simulator's own control API (prefix /sim), which drills, tests and the `reflex sim` CLI
// use to play the world around the clouds: list and create instances, inject faults, read the
// events the clouds emitted and the chat messages people were sent, set up SLB groups. JSON in
// and out; errors as problem+json naming the field at fault; with a control token, requests
// that change something need `Authorization: Bearer <token>` (the chat robot excepted: chat
// services take a key in the URL, not a bearer token).
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { parseBearer } from "../core/bearer.js";
import type { JsonValue } from "../core/json.js";
import type { ChatRobot } from "./chat-robot.js";
import type { ControlEventLog } from "./control-event-log.js";
import { ControlError, controlErrorOf, problemOf } from "./control-problem.js";
import { parseCreateInstances, parseFaultKind, parseVServerGroup } from "./control-validate.js";
import type { SimFleetApi, SimInstanceState } from "./types.js";
import { SimOperationError } from "./types.js";

const STATES: readonly SimInstanceState[] = ["PENDING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "REBOOTING", "RELEASED"];

/** A request to /sim…, body read. */
export interface ControlRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer: JSON (problem+json for errors) or plain text. */
export interface ControlReply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** What the control API works on. */
export interface ControlApiOptions {
  fleet: SimFleetApi;
  chat: ChatRobot;
  events: ControlEventLog;
  /** When set, POST and DELETE (but the chat robot's) need this bearer token. */
  token?: string;
}

type Route = { method: string; path: RegExp; run: (request: ControlRequest, match: string[]) => ControlReply; open?: boolean };

/** Answers control requests. */
export function createControlApi(options: ControlApiOptions): (request: ControlRequest) => ControlReply {
  const { fleet } = options;
  const routes: Route[] = [
    { method: "GET", path: /^\/sim\/healthz$/, run: () => ok({ ok: true }) },
    { method: "GET", path: /^\/sim\/instances$/, run: (r) => ok({ instances: fleet.describeInstances(instanceFilter(r.url.searchParams)) }) },
    { method: "POST", path: /^\/sim\/instances$/, run: (r) => ({ status: 201, json: { instances: fleet.createInstances(parseCreateInstances(json(r))) } }) },
    { method: "GET", path: /^\/sim\/instances\/([^/]+)$/, run: (_r, [id = ""]) => ok(fleet.instance(id)) },
    {
      method: "DELETE",
      path: /^\/sim\/instances\/([^/]+)$/,
      run: (_r, [id = ""]) => {
        fleet.instance(id);
        fleet.releaseInstances([id]);
        return ok({ instance: fleet.instance(id) });
      },
    },
    { method: "POST", path: /^\/sim\/instances\/([^/]+)\/faults$/, run: (r, [id = ""]) => ({ status: 201, json: fleet.injectFault(id, parseFaultKind(json(r))) }) },
    { method: "GET", path: /^\/sim\/faults$/, run: (r) => ok({ faults: fleet.faults(faultFilter(r.url.searchParams)) }) },
    {
      method: "GET",
      path: /^\/sim\/events$/,
      run: (r) => ok(options.events.since(whole(r.url.searchParams, "after", 0, 0, Number.MAX_SAFE_INTEGER), whole(r.url.searchParams, "limit", 1000, 1, 10_000))),
    },
    { method: "GET", path: /^\/sim\/vserver-groups$/, run: (r) => ok({ groups: fleet.describeVServerGroups(groupFilter(r.url.searchParams)) }) },
    { method: "POST", path: /^\/sim\/vserver-groups$/, run: (r) => ({ status: 201, json: fleet.createVServerGroup(parseVServerGroup(json(r))) }) },
    { method: "GET", path: /^\/sim\/chat$/, run: (r) => ok({ messages: options.chat.messages(r.url.searchParams.get("channel") ?? undefined) }) },
    { method: "POST", path: /^\/sim\/chat\/(.+)$/, open: true, run: (r, [path = ""]) => chatPost(options.chat, r, path) },
  ];

  return (request) => {
    try {
      const path = request.url.pathname.replace(/\/+$/, "") || "/";
      const matching = routes.flatMap((route) => {
        const m = route.path.exec(path);
        return m ? [{ route, args: m.slice(1).map(decodeURIComponent) }] : [];
      });
      if (matching.length === 0) {
        throw new ControlError(404, "no_such_route", `${request.method} ${path} is not part of the simulator; it answers /sim/healthz, /sim/instances[/ID[/faults]], /sim/faults, /sim/events, /sim/vserver-groups, /sim/chat[/CHANNEL], and the Tencent Cloud and Alibaba Cloud APIs`);
      }
      const hit = matching.find((m) => m.route.method === request.method);
      if (!hit) {
        const allowed = matching.map((m) => m.route.method).join(", ");
        return { ...fail(new ControlError(405, "method_not_allowed", `${request.method} is not allowed on ${path}; use ${allowed}`)), headers: { allow: allowed } };
      }
      if (options.token !== undefined && request.method !== "GET" && !hit.route.open) checkToken(request.headers, options.token);
      return hit.route.run(request, hit.args);
    } catch (err) {
      if (err instanceof ControlError) return fail(err);
      if (err instanceof SimOperationError) return fail(controlErrorOf(err));
      if (err instanceof URIError) return fail(new ControlError(400, "invalid_path", `the path ${request.url.pathname} has a malformed percent-encoding`));
      return fail(new ControlError(500, "internal_error", `the simulator failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
}

function ok(body: unknown): ControlReply {
  return { status: 200, json: body };
}

function fail(error: ControlError): ControlReply {
  return {
    status: error.status,
    json: problemOf(error),
    contentType: "application/problem+json",
    ...(error.status === 401 ? { headers: { "www-authenticate": 'Bearer realm="reflex-sim"' } } : {}),
  };
}

function json(request: ControlRequest): JsonValue {
  const text = request.body.toString("utf8").trim();
  if (text === "") throw new ControlError(400, "invalid_body", "the request needs a JSON body", { pointer: "" });
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new ControlError(400, "invalid_body", `the body is not JSON: ${err instanceof Error ? err.message : String(err)}`, { pointer: "" });
  }
}

function checkToken(headers: IncomingHttpHeaders, token: string): void {
  const given = parseBearer(headers.authorization);
  if (given === undefined) throw new ControlError(401, "unauthorized", "this simulator has a control token: send Authorization: Bearer <token> (the token `reflex sim --control-token` was started with; REFLEX_SIM_TOKEN for the CLI)");
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ControlError(401, "unauthorized", "the bearer token is not this simulator's control token");
}

function instanceFilter(q: URLSearchParams): Parameters<SimFleetApi["describeInstances"]>[0] {
  const cloud = q.get("cloud");
  if (cloud !== null && cloud !== "tencent" && cloud !== "aliyun") throw new ControlError(400, "invalid_query", `cloud '${cloud}' must be tencent or aliyun`, { parameter: "cloud" });
  const states = q.get("state")?.split(",").map((s) => s.trim().toUpperCase()).filter((s) => s !== "");
  const wrong = states?.find((s) => !(STATES as readonly string[]).includes(s));
  if (wrong !== undefined) throw new ControlError(400, "invalid_query", `state '${wrong}' is not one of ${STATES.join(", ")}`, { parameter: "state" });
  const released = flag(q, "released") || states?.includes("RELEASED") === true;
  return { ...(cloud === null ? {} : { cloud }), ...(states && states.length > 0 ? { states: states as SimInstanceState[] } : {}), released };
}

function faultFilter(q: URLSearchParams): Parameters<SimFleetApi["faults"]>[0] {
  const instanceId = q.get("instanceId");
  return { ...(instanceId ? { instanceId } : {}), ...(q.has("active") ? { active: flag(q, "active") } : {}) };
}

function groupFilter(q: URLSearchParams): Parameters<SimFleetApi["describeVServerGroups"]>[0] {
  const loadBalancerId = q.get("loadBalancerId");
  return loadBalancerId ? { loadBalancerId } : {};
}

function flag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null) return false;
  if (v === "true" || v === "") return true;
  if (v === "false") return false;
  throw new ControlError(400, "invalid_query", `${name} must be true or false, not '${v}'`, { parameter: name });
}

function whole(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const v = q.get(name);
  if (v === null || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ControlError(400, "invalid_query", `${name} must be a whole number from ${min} to ${max}, not '${v}'`, { parameter: name });
  return n;
}

function chatPost(chat: ChatRobot, request: ControlRequest, path: string): ControlReply {
  const q = request.url.searchParams;
  const channel = q.get("key") ?? q.get("access_token") ?? path;
  const text = request.body.toString("utf8");
  let body: unknown = text;
  try {
    body = text.trim() === "" ? null : JSON.parse(text);
  } catch {
    // A body that is not JSON is kept as text.
  }
  const answer = chat.receive(channel, body);
  return "text" in answer ? { status: 200, text: answer.text } : { status: 200, json: answer.json };
}
