// Turns a valid Rule document into its RuleSpec: durations in milliseconds, every default
// filled in (see `rule-defaults.ts`), so the rules engine never guesses what a missing field
// meant. Templates stay as written; the engine compiles them once per rule.
import { parseDuration } from "../../core/duration.js";
import type { JsonObject } from "../../core/json.js";
import type { HttpTargetSpec, RetrySpec, RuleSpec, TargetSpec } from "../types.js";
import { DEFAULT_BUS } from "../types.js";
import type { RuleDocument } from "./rule-schema.js";
import {
  DEFAULT_EXPECT_STATUS,
  DEFAULT_GROUP_MAX,
  DEFAULT_RETRY,
  DEFAULT_SIGNATURE_HEADER,
  DEFAULT_TIMEOUT_MS,
  defaultTargetName,
} from "./rule-defaults.js";
import { buildFunctionTarget } from "./target-function.js";
import { buildQueueTarget } from "./target-queue.js";
import type { TargetDocument } from "./target-schema.js";

/** The Rule spec for a valid document, defaults filled in. */
export function buildRule(doc: RuleDocument): RuleSpec {
  const spec: RuleSpec = {
    name: doc.name,
    bus: doc.bus ?? DEFAULT_BUS.name,
    enabled: doc.enabled ?? true,
    patternDialect: doc.patternDialect ?? "reflex",
    // Parsed YAML and JSON bodies hold only JSON values.
    pattern: doc.pattern as JsonObject,
    labels: { ...doc.labels },
    targets: doc.targets.map(buildTarget),
  };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.throttle !== undefined) {
    const { key, rate, per, burst } = doc.throttle;
    spec.throttle = { key: key ?? "", rate, perMs: parseDuration(per), burst: burst ?? rate };
  }
  if (doc.dedupe !== undefined) spec.dedupe = { key: doc.dedupe.key, withinMs: parseDuration(doc.dedupe.within) };
  if (doc.group !== undefined) {
    const { by, wait, max } = doc.group;
    spec.group = { by: by ?? "", waitMs: parseDuration(wait), max: max ?? DEFAULT_GROUP_MAX };
  }
  return spec;
}

function buildTarget(doc: TargetDocument, index: number): TargetSpec {
  const name = doc.name ?? defaultTargetName(index);
  const retry = buildRetry(doc.retry);
  switch (doc.type) {
    case "http":
      return buildHttpTarget(doc, name, retry);
    case "workflow":
      return { type: "workflow", name, retry, workflow: doc.workflow, input: { ...(doc.input as JsonObject | undefined) } };
    case "notify":
      return doc.message === undefined
        ? { type: "notify", name, retry, channel: doc.channel }
        : { type: "notify", name, retry, channel: doc.channel, message: doc.message };
    case "queue":
      return buildQueueTarget(doc, name, retry);
    case "function":
      return buildFunctionTarget(doc, name, retry);
  }
}

function buildHttpTarget(doc: Extract<TargetDocument, { type: "http" }>, name: string, retry: RetrySpec): HttpTargetSpec {
  const status = doc.expectStatus ?? DEFAULT_EXPECT_STATUS;
  const spec: HttpTargetSpec = {
    type: "http",
    name,
    retry,
    url: doc.url,
    method: doc.method ?? "POST",
    headers: { ...doc.headers },
    timeoutMs: doc.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(doc.timeout),
    expectStatus: typeof status === "number" ? [status, status] : [status[0], status[1]],
  };
  if (doc.body !== undefined) spec.body = doc.body as HttpTargetSpec["body"];
  if (doc.sign !== undefined) spec.sign = { secret: doc.sign.secret, header: doc.sign.header ?? DEFAULT_SIGNATURE_HEADER };
  return spec;
}

function buildRetry(doc: TargetDocument["retry"]): RetrySpec {
  const ms = (written: string | number | undefined, fallback: number) => (written === undefined ? fallback : parseDuration(written));
  return {
    attempts: doc?.attempts ?? DEFAULT_RETRY.attempts,
    backoffMs: ms(doc?.backoff, DEFAULT_RETRY.backoffMs),
    maxBackoffMs: ms(doc?.maxBackoff, DEFAULT_RETRY.maxBackoffMs),
    maxAgeMs: ms(doc?.maxAge, DEFAULT_RETRY.maxAgeMs),
  };
}
