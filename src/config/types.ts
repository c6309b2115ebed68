// The configuration kinds of this stage, as loaded from YAML (`kind:` + `name:` + fields at top
// level) and as the rest of Reflex reads them (Workflow's types are in `workflow-types.ts`).
// Later kinds (Probe, Schedule, …) join this set as their issues land.
import type { JsonObject, JsonValue } from "../core/json.js";
import type { PatternDialect } from "../patterns/index.js";
import type { WorkflowSpec } from "./workflow-types.js";
import type { ProbeSpec } from "./probe-types.js";
import type { ScheduleSpec } from "./schedule-types.js";
import type { DrillSpec } from "./kinds/drill-types.js";

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

/** The brokers a pull `kind: Source` consumes from and a `queue` target publishes to. */
export type BrokerType = "nats" | "amqp" | "mqtt" | "redis";

/**
 * How to reach a broker. Credentials are kept as written: literal text, text holding
 * `{{ secrets.NAME }}`, or `{env: NAME}`; they are resolved only when a connection is made.
 */
export interface BrokerConnectionSpec {
  broker: BrokerType;
  /** `nats://`, `tls://`, `amqp://`, `amqps://`, `mqtt://`, `mqtts://`, `redis://` or `rediss://`. */
  url: string;
  username?: SecretRef;
  password?: SecretRef;
  /** A NATS authentication token. */
  token?: SecretRef;
}

/** What every broker source has. */
interface BrokerSourceCommon {
  name: string;
  description?: string;
  /** Bus the events go to. */
  bus: string;
  connection: BrokerConnectionSpec;
  /**
   * Envelope attributes as JSONata templates over `{body, message}` (the parsed message body;
   * the message's topic and headers). Absent: the body is a CloudEvent in structured JSON.
   */
  mapping?: JsonObject;
  /** A bigger message is refused (acknowledged, logged and counted, never stored). */
  maxMessageBytes: number;
  /** Messages being stored at once. */
  prefetch: number;
}

/** `type: nats`: a durable pull consumer on a JetStream stream, explicit acks. */
export interface NatsSourceSpec extends BrokerSourceCommon {
  type: "nats";
  stream: string;
  /** Durable consumer name; created when missing (delivering the stream from its start). */
  consumer: string;
  /** Subject filter of a consumer Reflex creates. */
  subject?: string;
  /** How long the server waits for an ack before it redelivers. */
  ackWaitMs: number;
}

/** `type: amqp`: a RabbitMQ (AMQP 0-9-1) queue, manual acks. */
export interface AmqpSourceSpec extends BrokerSourceCommon {
  type: "amqp";
  queue: string;
}

/** `type: mqtt`: a QoS 1 subscription in a persistent session (`clean: false`). */
export interface MqttSourceSpec extends BrokerSourceCommon {
  type: "mqtt";
  /** Topic filter (`+` and `#` wildcards). */
  topic: string;
  /** Fixed client id, so the broker keeps the session (and its messages) across restarts. */
  clientId: string;
  /** Shared-subscription group (`$share/<group>/<topic>`): nodes share the messages. */
  group?: string;
  /** How long the broker keeps the session of a disconnected Reflex. */
  sessionExpiryMs: number;
}

/** `type: redis`: a Redis Stream read by a consumer group (XREADGROUP, XACK, XAUTOCLAIM). */
export interface RedisSourceSpec extends BrokerSourceCommon {
  type: "redis";
  stream: string;
  group: string;
  /** Consumer name; absent: `reflex-<node id>`, stable across restarts of a node. */
  consumer?: string;
  /** The entry field holding the message body. */
  field: string;
  /** Entries pending this long with another consumer (a node that died) are claimed. */
  claimIdleMs: number;
}

/** `kind: Source` (pull): a broker Reflex consumes from; acks only once events are stored. */
export type BrokerSourceSpec = NatsSourceSpec | AmqpSourceSpec | MqttSourceSpec | RedisSourceSpec;

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

/**
 * Where a `queue` target's message goes; which fields apply depends on the broker. String
 * fields may hold `{{ … }}` templates.
 */
export interface QueueDestinationSpec {
  /** NATS: the subject, published through JetStream. */
  subject?: string;
  /** AMQP: the exchange (`""` is the default exchange, which routes by queue name). */
  exchange?: string;
  /** AMQP: the routing key. */
  routingKey?: string;
  /** AMQP: a queue, reached through the default exchange (short for `exchange: ""` and `routingKey: <queue>`). */
  queue?: string;
  /** MQTT: the topic. */
  topic?: string;
  /** Redis: the stream. */
  stream?: string;
  /** Redis: the entry field holding the body; absent: the source's `field`, else `body`. */
  field?: string;
}

/** `type: queue`: one message published to a broker per delivery. */
export interface QueueTargetSpec extends TargetBase {
  type: "queue";
  /** A declared broker Source whose connection is used; absent when `connection` is given. */
  source?: string;
  /** The connection written on the target (`url:` and credentials); absent with `source`. */
  connection?: BrokerConnectionSpec;
  destination: QueueDestinationSpec;
  /** The body template: text is sent as it is, other values as JSON. Absent: the delivery's default payload (the event). */
  body?: JsonValue;
  timeoutMs: number;
}

/** Where a rule sends what it matched; each target is delivered independently. */
export type TargetSpec = HttpTargetSpec | WorkflowTargetSpec | NotifyTargetSpec | QueueTargetSpec | FunctionTargetSpec;

/** `type: function`: one run of a declared Function per delivery. */
export interface FunctionTargetSpec extends TargetBase {
  type: "function";
  /** A declared Function's name. */
  function: string;
  /** The event passed to the handler (a template); absent: the delivery's default payload (the event). */
  input?: JsonValue;
}

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

/** The channel types `kind: Channel` accepts. */
export type ChannelType = "webhook" | "wecom" | "dingtalk" | "feishu" | "slack" | "email";

/**
 * A channel setting that may be secret (a webhook URL with its token, a signing key, an SMTP
 * password): literal text, text holding `{{ secrets.NAME }}` placeholders, or `{env: NAME}`;
 * placeholders and variables are resolved only when a message is sent.
 */
export type ChannelSecret = SecretRef;

/** Templates replacing a channel's default message text, one per kind of message. */
export interface ChannelTemplates {
  /** For an alert event. */
  event?: string;
  /** For a workflow execution's result (`reflex.execution.*` events). */
  execution?: string;
  /** For an approval request (`reflex.approval.requested` events). */
  approval?: string;
}

/** Who a chat message mentions (WeCom `text`, DingTalk). */
export interface ChannelMentions {
  /** User ids. */
  users: string[];
  /** Mobile phone numbers. */
  mobiles: string[];
  /** Everyone in the group. */
  all: boolean;
}

/** What every channel has. */
interface ChannelCommon {
  name: string;
  description?: string;
  /** At most `rate` messages per `perMs` through this channel. */
  rateLimit?: { rate: number; perMs: number };
  templates?: ChannelTemplates;
}

/** `type: webhook`: the message as JSON, posted to a URL, optionally signed. */
export interface WebhookChannelSpec extends ChannelCommon {
  type: "webhook";
  /** Absolute http(s) URL the message is posted to. */
  url: ChannelSecret;
  /** Header name → value (may hold secret placeholders). */
  headers: Record<string, string>;
  /** Key for `X-Reflex-Signature: sha256=<hex HMAC of the body>`. */
  hmacSecret?: ChannelSecret;
}

/** `type: wecom`: a WeCom (企业微信) group robot. */
export interface WecomChannelSpec extends ChannelCommon {
  type: "wecom";
  /** The robot's webhook URL (its `key` is the token). */
  url: ChannelSecret;
  format: "text" | "markdown";
  /** Only with `format: text` (WeCom markdown cannot mention). */
  mentions?: ChannelMentions;
}

/** `type: dingtalk`: a DingTalk (钉钉) custom robot. */
export interface DingtalkChannelSpec extends ChannelCommon {
  type: "dingtalk";
  /** The robot's webhook URL (its `access_token` is the token). */
  url: ChannelSecret;
  /** The robot's signing key (`SEC…`): adds `timestamp` and `sign` to the URL. */
  secret?: ChannelSecret;
  format: "text" | "markdown";
  mentions?: ChannelMentions;
}

/** `type: feishu`: a Feishu / Lark custom bot. */
export interface FeishuChannelSpec extends ChannelCommon {
  type: "feishu";
  /** The bot's webhook URL (`…/open-apis/bot/v2/hook/<token>`). */
  url: ChannelSecret;
  /** The bot's signing key: adds `timestamp` and `sign` to the body. */
  secret?: ChannelSecret;
  format: "text" | "card";
}

/** `type: slack`: a Slack incoming webhook. */
export interface SlackChannelSpec extends ChannelCommon {
  type: "slack";
  /** The incoming webhook's URL (`https://hooks.slack.com/services/…`). */
  url: ChannelSecret;
}

/** How an email channel protects its SMTP connection. */
export type SmtpSecurity = "tls" | "starttls" | "none";

/** `type: email`: mail through an SMTP server. */
export interface EmailChannelSpec extends ChannelCommon {
  type: "email";
  host: string;
  port: number;
  /** `tls`: TLS from the start (port 465); `starttls`: upgrade required; `none`: plain text. */
  security: SmtpSecurity;
  auth?: { user: ChannelSecret; pass: ChannelSecret };
  /** Verify the server's certificate (off only for a test server with a self-signed one). */
  verifyCertificate: boolean;
  from: string;
  to: string[];
  /** Subject template; absent: the message's title. */
  subject?: string;
}

/** `kind: Channel`: where `notify` targets and the `core.notify` action send messages. */
export type ChannelSpec = WebhookChannelSpec | WecomChannelSpec | DingtalkChannelSpec | FeishuChannelSpec | SlackChannelSpec | EmailChannelSpec;

/**
 * `kind: Function`: the operator's own JavaScript or TypeScript, run in a child process of its
 * own per invocation, as a workflow action (`function.<name>`) or a rule target.
 */
export interface FunctionSpec {
  name: string;
  description?: string;
  /** Where the code was written: the file's path as given (relative to its config file), or `inline`. */
  source: { file: string } | "inline";
  /** The code compiled to a CommonJS module (with an inline source map), ready to run. */
  code: string;
  /**
   * Absolute path the module runs as: the file's own, or `<config file>#<name>.js` beside the
   * config file for inline code. `require` resolves from its directory; stack traces name it.
   */
  filename: string;
  timeoutMs: number;
  /** The cap on the process's memory, in MiB. */
  memoryMiB: number;
  /** The process's whole environment (nothing of Reflex's is passed). */
  env: Record<string, string>;
  /** Secret names resolved into `context.secrets` at each invocation. */
  secrets: string[];
  /** JSON Schema of the input when the Function is a workflow action; absent: any object. */
  inputSchema?: JsonObject;
}

/** A whole validated configuration, swapped in atomically on reload. */
export interface ReflexConfig {
  buses: ReadonlyMap<string, BusSpec>;
  eventTypes: readonly EventTypeSpec[];
  sources: ReadonlyMap<string, SourceSpec>;
  /** Pull sources (`kind: Source` of a broker type), by name; `sources` holds the push ones. */
  brokerSources: ReadonlyMap<string, BrokerSourceSpec>;
  rules: ReadonlyMap<string, RuleSpec>;
  channels: ReadonlyMap<string, ChannelSpec>;
  workflows: ReadonlyMap<string, WorkflowSpec>;
  /** `kind: Probe` by name (types in `probe-types.ts`). */
  probes: ReadonlyMap<string, ProbeSpec>;
  /** `kind: Schedule` by name (types in `schedule-types.ts`). */
  schedules: ReadonlyMap<string, ScheduleSpec>;
  /** `kind: Function` by name. */
  functions: ReadonlyMap<string, FunctionSpec>;
  /** `kind: Drill` by name (types in `kinds/drill-types.ts`). */
  drills: ReadonlyMap<string, DrillSpec>;
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
    brokerSources: new Map(),
    rules: new Map(),
    channels: new Map(),
    workflows: new Map(),
    probes: new Map(),
    schedules: new Map(),
    functions: new Map(),
    drills: new Map(),
    origins: new Map(),
  };
}
