// A small typed client of the simulator's control API, for the `reflex sim` CLI and for
// drills: list and create instances, inject faults, read faults, events, SLB groups and chat
// messages. A refusal becomes a SimControlError carrying the problem's status, code, detail
// and the pointer or parameter at fault; an unreachable simulator says how to start one.
import { ReflexError } from "../core/errors.js";
import type {
  SimChatMessage,
  SimEmittedEvent,
  SimFault,
  SimFaultKind,
  SimInstance,
  SimInstanceSpec,
  SimInstanceState,
  SimVServerGroup,
  SimBackend,
  SimCloud,
} from "./types.js";

/** Where the simulator is. */
export interface SimControlClientOptions {
  /** `http://127.0.0.1:7421` */
  url: string;
  /** The control token, when the simulator has one. */
  token?: string;
}

/** A control request the simulator refused (status 0: it could not be reached). */
export class SimControlError extends ReflexError {
  constructor(
    status: number,
    message: string,
    /** The problem's code (`invalid_body`, `not_found`, …). */
    readonly problemCode: string,
    /** The JSON pointer of the body field at fault, when the simulator named one. */
    readonly pointer?: string,
  ) {
    super("sim_control_error", message, { status });
  }
}

/** Calls the control API of one simulator. */
export class SimControlClient {
  private readonly base: string;

  constructor(private readonly options: SimControlClientOptions) {
    this.base = options.url.replace(/\/+$/, "");
  }

  /** True when the simulator answers its health check. */
  async healthy(): Promise<boolean> {
    try {
      return ((await this.request("GET", "/sim/healthz")) as { ok?: boolean }).ok === true;
    } catch {
      return false;
    }
  }

  /** Instances, optionally by cloud and state; released ones only when asked. */
  async instances(filter: { cloud?: SimCloud; state?: SimInstanceState | readonly SimInstanceState[]; released?: boolean } = {}): Promise<SimInstance[]> {
    const q = new URLSearchParams();
    if (filter.cloud) q.set("cloud", filter.cloud);
    if (filter.state) q.set("state", typeof filter.state === "string" ? filter.state : filter.state.join(","));
    if (filter.released) q.set("released", "true");
    return ((await this.request("GET", `/sim/instances${query(q)}`)) as { instances: SimInstance[] }).instances;
  }

  /** One instance. */
  async instance(id: string): Promise<SimInstance> {
    return (await this.request("GET", `/sim/instances/${encodeURIComponent(id)}`)) as SimInstance;
  }

  /** Creates instances. */
  async createInstances(specs: readonly SimInstanceSpec[]): Promise<SimInstance[]> {
    return ((await this.request("POST", "/sim/instances", { instances: specs })) as { instances: SimInstance[] }).instances;
  }

  /** Releases (deletes) an instance. */
  async releaseInstance(id: string): Promise<SimInstance> {
    return ((await this.request("DELETE", `/sim/instances/${encodeURIComponent(id)}`)) as { instance: SimInstance }).instance;
  }

  /** Injects a fault. */
  async injectFault(instanceId: string, kind: SimFaultKind): Promise<SimFault> {
    return (await this.request("POST", `/sim/instances/${encodeURIComponent(instanceId)}/faults`, { kind })) as SimFault;
  }

  /** Faults, optionally of one instance, optionally only active ones. */
  async faults(filter: { instanceId?: string; active?: boolean } = {}): Promise<SimFault[]> {
    const q = new URLSearchParams();
    if (filter.instanceId) q.set("instanceId", filter.instanceId);
    if (filter.active !== undefined) q.set("active", String(filter.active));
    return ((await this.request("GET", `/sim/faults${query(q)}`)) as { faults: SimFault[] }).faults;
  }

  /** Emitted events from index `after` on, and the index to ask for next. */
  async events(after = 0, limit?: number): Promise<{ events: SimEmittedEvent[]; next: number }> {
    const q = new URLSearchParams({ after: String(after) });
    if (limit !== undefined) q.set("limit", String(limit));
    return (await this.request("GET", `/sim/events${query(q)}`)) as { events: SimEmittedEvent[]; next: number };
  }

  /** The SLB vServer groups. */
  async vserverGroups(): Promise<SimVServerGroup[]> {
    return ((await this.request("GET", "/sim/vserver-groups")) as { groups: SimVServerGroup[] }).groups;
  }

  /** Creates a vServer group. */
  async createVServerGroup(spec: { loadBalancerId: string; name: string; region?: string; backends?: readonly SimBackend[] }): Promise<SimVServerGroup> {
    return (await this.request("POST", "/sim/vserver-groups", spec)) as SimVServerGroup;
  }

  /** The chat messages received, optionally of one channel. */
  async chat(channel?: string): Promise<SimChatMessage[]> {
    const q = new URLSearchParams();
    if (channel !== undefined) q.set("channel", channel);
    return ((await this.request("GET", `/sim/chat${query(q)}`)) as { messages: SimChatMessage[] }).messages;
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (err) {
      const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new SimControlError(0, `cannot reach the simulator at ${this.base} (${reason}); start one with \`reflex sim\`, or point --sim / REFLEX_SIM_URL at it`, "unreachable");
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const problem = typeof parsed === "object" && parsed !== null ? (parsed as { detail?: unknown; code?: unknown; pointer?: unknown }) : {};
      const detail = typeof problem.detail === "string" ? problem.detail : text.slice(0, 300);
      throw new SimControlError(response.status, `${method} ${path} failed with ${response.status}: ${detail}`, typeof problem.code === "string" ? problem.code : "http_error", typeof problem.pointer === "string" ? problem.pointer : undefined);
    }
    return parsed;
  }
}

function query(q: URLSearchParams): string {
  const text = q.toString();
  return text === "" ? "" : `?${text}`;
}
