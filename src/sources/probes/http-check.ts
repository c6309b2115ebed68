// The `http` probe: one request, no redirects followed (a 3xx is an answer like any other), a
// status in the expected range and, when asked, a body holding a substring or matching an RE2
// expression (linear time, so a crafted page cannot stall the prober). Only the start of the
// body is read. Header values may hold `{{ secrets.NAME }}`, resolved at each check and hidden
// from every reason the check gives.
import { RE2JS } from "re2js";
import type { HttpProbeSpec } from "../../config/probe-types.js";
import { ReflexError } from "../../core/errors.js";
import { redactor } from "../../core/redact.js";
import type { Redactor } from "../../core/redact.js";
import { referencedSecrets } from "../../core/secrets.js";
import { compileTemplate } from "../../expr/index.js";
import type { CheckContext, CheckFactory } from "./check-result.js";
import { elapsedMs } from "./check-result.js";

/** Most body bytes an `http` probe reads to test `expectBody`. */
export const PROBE_BODY_BYTES = 64 * 1024;

/** Prepares the check of an `http` probe. */
export const httpCheck: CheckFactory<HttpProbeSpec> = (spec) => {
  const headers = compileTemplate(spec.headers, "/headers");
  const secretNames = referencedSecrets(Object.values(spec.headers).join("\n"));
  const pattern = spec.expectBody?.matches === undefined ? undefined : RE2JS.compile(spec.expectBody.matches);
  const [min, max] = spec.expectStatus;

  return async (context) => {
    let values: Readonly<Record<string, string>> = {};
    let rendered: unknown;
    try {
      if (secretNames.length > 0) values = await context.secrets.resolve(secretNames);
      rendered = await headers.render({ secrets: values });
    } catch (err) {
      if (!(err instanceof ReflexError)) throw err;
      return { outcome: "unavailable", detail: redactor(Object.values(values))(`the request's headers cannot be made: ${err.message}`) };
    }
    const hide = redactor(Object.values(values));
    const started = performance.now();
    const timeout = AbortSignal.timeout(spec.timeoutMs);
    try {
      const response = await fetch(spec.url, {
        method: spec.method,
        headers: textHeaders(rendered),
        redirect: "manual",
        signal: AbortSignal.any([timeout, context.signal]),
      });
      const body = spec.expectBody === undefined ? "" : await bodyStart(response);
      if (spec.expectBody === undefined) await response.body?.cancel();
      const latencyMs = elapsedMs(started);
      if (response.status < min || response.status > max) {
        return { outcome: "failure", latencyMs, detail: hide(`HTTP ${response.status} (expected ${min === max ? min : `${min}-${max}`})`) };
      }
      const contains = spec.expectBody?.contains;
      if (contains !== undefined && !body.includes(contains)) {
        return { outcome: "failure", latencyMs, detail: hide(`HTTP ${response.status}, but the body does not contain '${contains}'`) };
      }
      if (pattern !== undefined && !pattern.test(body)) {
        return { outcome: "failure", latencyMs, detail: hide(`HTTP ${response.status}, but the body does not match /${spec.expectBody?.matches ?? ""}/`) };
      }
      return { outcome: "success", latencyMs, detail: `HTTP ${response.status}` };
    } catch (err) {
      return { outcome: "failure", latencyMs: elapsedMs(started), detail: failure(err, spec, timeout, context, hide) };
    }
  };
};

/** Rendered headers as text (a template may render a number or null). */
function textHeaders(rendered: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof rendered !== "object" || rendered === null) return out;
  for (const [name, value] of Object.entries(rendered)) {
    if (value !== null && value !== undefined) out[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** Why the request got no answer, in words. */
function failure(err: unknown, spec: HttpProbeSpec, timeout: AbortSignal, context: CheckContext, hide: Redactor): string {
  if (timeout.aborted && !context.signal.aborted) return `no answer from ${spec.url} within ${spec.timeoutMs} ms`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
  return hide(`${spec.method} ${spec.url} failed: ${cause}`);
}

/** The first PROBE_BODY_BYTES of the body, as text; the rest is not read. */
async function bodyStart(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < PROBE_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, PROBE_BODY_BYTES).toString("utf8");
}

