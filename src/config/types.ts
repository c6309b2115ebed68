// The configuration kinds of this stage, as loaded from YAML (`kind:` + `name:` + fields at top
// level) and as the rest of Reflex reads them. Later kinds (Rule, Workflow, Channel, …) join
// this set as their issues land.
import type { JsonObject } from "../core/json.js";

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

/** A whole validated configuration, swapped in atomically on reload. */
export interface ReflexConfig {
  buses: ReadonlyMap<string, BusSpec>;
  eventTypes: readonly EventTypeSpec[];
  sources: ReadonlyMap<string, SourceSpec>;
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
    origins: new Map(),
  };
}
