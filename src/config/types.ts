// The configuration kinds of this stage, as loaded from YAML (`kind:` + `name:` + fields at top
// level) and as the rest of Reflex reads them (Workflow's types are in `workflow-types.ts`).
// Later kinds (Probe, Schedule, …) join this set as their issues land.
import type { JsonObject, JsonValue } from "../core/json.js";
import type { PatternDialect } from "../patterns/index.js";
import type { WorkflowSpec } from "./workflow-types.js";

/** Where a document came from, for error messages and the API. */
export interface DocumentOrigin {
  file: string;
  line: number;
  col: number;
}

/** How a bus treats events whose data does not fit their EventType's schema. */
export type ValidationMode = "off" | "warn" | "enforce";

/** `kind: Bus`: a named stream of events with its own validation and retention. */
export interface BusSpec {
  name: string;
  description?: string;
  validation: ValidationMode;
  retention?: {
    /** Events older than this many milliseconds (by receipt) are deleted. */
    maxAgeMs?: number;
    /** At most this many events are kept; the oldest go first. */
    maxCount?: number;
  };
}

/** `kind: EventType`: the schema for `data` of events with this source and type. */
export interface EventTypeSpec {
  name: string;
  description?: string;
  source: string;
  type: string;
  /** JSON Schema (draft 2020-12) for the event's `data`. */
  schema?: JsonObject;
}

/** A secret value written in config: inline, or read from an environment variable. */
export type SecretRef = string | { env: string };

/** The adapters a `kind: Source` can use to turn a request body into CloudEvents. */
export type SourceType = "cloudevents" | "tencent" | "aliyun" | "alertmanager" | "aws" | "webhook";

/** `kind: Source` (push): an HTTP endpoint `/api/v1/sources/<name>/events` with its own auth. */
export interface SourceSpec {
  name: string;
  description?: string;
  type: SourceType;
  /** Bus the events go to. */
  bus: string;
  auth?: {
    /** Bearer token accepted for this source only. */
    token?: SecretRef;
    /** Key for `X-Reflex-Signature: sha256=<hex HMAC of the body>`. */
    hmacSecret?: SecretRef;
  };
  /**
   * For `type: webhook`: envelope attributes as JSONata templates over the request body
   * (`{{ body.alert.id }}`), e.g. `{source: "...", type: "{{ body.kind }}", data: "{{ body }}"}`.
   * `source` and `type` are required; `id`, `subject`, `time`, `data` and extensions optional.
   */
  mapping?: JsonObject;
}

/** When a failed delivery to a target is tried again, and when it is given up (dead letter). */
export interface RetrySpec {
  /** Attempts in all, the first one included (1 = never retried). */
  attempts: number;
  /** The wait before the first retry; later waits grow from it, up to `maxBackoffMs`. */
  backoffMs: number;
  /** The longest wait between two attempts. */
  maxBackoffMs: number;
  /** A delivery this old (since it was created) is not tried again, whatever attempts are left. */
  maxAgeMs: number;
}

/** The methods an `http` target may use. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What every target of a rule has. */
export interface TargetBase {
  /** Unique within the rule; `t1`, `t2`, … (by position) when the document gives none. */
  name: string;
  retry: RetrySpec;
}

/** `type: http`: one HTTP request per delivery. */
export interface HttpTargetSpec extends TargetBase {
  type: "http";
  /** Absolute http(s) URL; may hold `{{ … }}` templates. */
  url: string;
  method: HttpMethod;
  /** Header name → value template. */
  headers: Record<string, string>;
  /**
   * The body template (any JSON value whose strings may hold `{{ … }}`), sent as JSON. Absent:
   * the delivery's default payload (the event). Never present for GET, which sends no body.
   */
  body?: JsonValue;
  timeoutMs: number;
  /** Inclusive range of response statuses that count as delivered, `[min, max]`. */
  expectStatus: [number, number];
  /** HMAC-SHA256 of the body, sent in `header` as `sha256=<hex>`. */
  sign?: { secret: SecretRef; header: string };
}

/** `type: workflow`: starts an execution of a workflow. */
export interface WorkflowTargetSpec extends TargetBase {
  type: "workflow";
  /** The workflow's name (not checked against declared workflows). */
  workflow: string;
  /** Input parameter → template; `{}` when the document gives none. */
  input: JsonObject;
}

/** `type: notify`: a message through a declared Channel. */
export interface NotifyTargetSpec extends TargetBase {
  type: "notify";
  /** A declared Channel's name. */
  channel: string;
  /** The message template; absent: the channel's default message for the event. */
  message?: string;
}

/** Where a rule sends what it matched; each target is delivered independently. */
export type TargetSpec = HttpTargetSpec | WorkflowTargetSpec | NotifyTargetSpec;

/** Per-key rate limit (token bucket): `rate` deliveries per `perMs`, bursts up to `burst`. */
export interface ThrottleSpec {
  /** Template for the bucket key; `""` (one bucket for the rule) when the document gives none. */
  key: string;
  rate: number;
  perMs: number;
  /** Bucket size; `rate` when the document gives none. */
  burst: number;
}

/** The first event per key passes; the same key again within `withinMs` is dropped. */
export interface DedupeSpec {
  /** Template for the key. */
  key: string;
  withinMs: number;
}

/** Coalesces a burst of matches into one delivery carrying all its events. */
export interface GroupSpec {
  /** Template for the group key; `""` (one group for the rule) when the document gives none. */
  by: string;
  /** How long the first event of a group waits for others. */
  waitMs: number;
  /** Most events in one group; a full group is delivered at once. */
  max: number;
}

/** `kind: Rule`: which events on a bus mean something, and what to do about them. */
export interface RuleSpec {
  name: string;
  description?: string;
  bus: string;
  enabled: boolean;
  patternDialect: PatternDialect;
  /** The event pattern, valid in `patternDialect`. */
  pattern: JsonObject;
  labels: Record<string, string>;
  throttle?: ThrottleSpec;
  dedupe?: DedupeSpec;
  group?: GroupSpec;
  /** 1 to 16 targets with unique names. */
  targets: TargetSpec[];
}

/** The channel types `kind: Channel` accepts now. */
export type ChannelType = "webhook";

/** `kind: Channel`: where `notify` targets send messages. */
export interface ChannelSpec {
  name: string;
  description?: string;
  type: ChannelType;
  /** Absolute http(s) URL the message is posted to. */
  url: string;
  /** Header name → literal value. */
  headers: Record<string, string>;
  /** Key for `X-Reflex-Signature: sha256=<hex HMAC of the body>`. */
  hmacSecret?: SecretRef;
  /** At most `rate` messages per `perMs` through this channel. */
  rateLimit?: { rate: number; perMs: number };
}

/** A whole validated configuration, swapped in atomically on reload. */
export interface ReflexConfig {
  buses: ReadonlyMap<string, BusSpec>;
  eventTypes: readonly EventTypeSpec[];
  sources: ReadonlyMap<string, SourceSpec>;
  rules: ReadonlyMap<string, RuleSpec>;
  channels: ReadonlyMap<string, ChannelSpec>;
  workflows: ReadonlyMap<string, WorkflowSpec>;
  /** Every document loaded, by `kind/name`, with where it came from. */
  origins: ReadonlyMap<string, DocumentOrigin>;
}

/** The bus that always exists. */
export const DEFAULT_BUS: BusSpec = { name: "default", validation: "warn" };

/** A configuration with only the default bus: what Reflex runs with when no `--config` is given. */
export function emptyConfig(): ReflexConfig {
  return {
    buses: new Map([[DEFAULT_BUS.name, DEFAULT_BUS]]),
    eventTypes: [],
    sources: new Map(),
    rules: new Map(),
    channels: new Map(),
    workflows: new Map(),
    origins: new Map(),
  };
}
