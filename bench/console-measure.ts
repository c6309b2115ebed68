// Timing the console's requests from this process, as the browser makes them: GET with the
// bearer token over keep-alive HTTP/1.1 (Node's fetch), the clock running from the call to the
// last byte of the body. Each request is first sent a few times unmeasured, then N times one
// after another; a page is its requests sent together and awaited together (its components
// load in parallel), N times. Every answer must be 200: an error page would flatter the numbers.

/** Exact nearest-rank percentiles of durations in ms. */
export interface Timing {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** One request path measured alone. */
export interface RequestTiming extends Timing {
  path: string;
  /** Size of the body (the first answer's). */
  bytes: number;
}

/** A recorded answer, for the peer to serve. */
export interface RecordedAnswer {
  contentType: string;
  body: string;
}

/** How many times each thing is sent. */
export interface MeasurePlan {
  warmup: number;
  requests: number;
  pages: number;
}

/** Where to send and with which token (none for the peer). */
export interface Target {
  url: string;
  token?: string;
}

/** The exact spread of `values`. */
export function timing(values: readonly number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** One GET, timed to the end of its body; throws on any status but 200. */
export async function timedGet(target: Target, path: string): Promise<{ ms: number; answer: RecordedAnswer }> {
  const started = performance.now();
  const response = await fetch(target.url + path, { headers: target.token ? { authorization: `Bearer ${target.token}` } : {} });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, answer: { contentType: response.headers.get("content-type") ?? "application/json", body } };
}

/** Each distinct path alone: warm-up, then `plan.requests` sequential sends. Records each first answer into `answers`. */
export async function measureRequests(target: Target, paths: readonly string[], plan: MeasurePlan, answers?: Map<string, RecordedAnswer>): Promise<RequestTiming[]> {
  const results: RequestTiming[] = [];
  for (const path of new Set(paths)) {
    let bytes = 0;
    for (let i = 0; i < plan.warmup; i++) {
      const { answer } = await timedGet(target, path);
      if (i === 0) {
        bytes = Buffer.byteLength(answer.body);
        answers?.set(path, answer);
      }
    }
    const times: number[] = [];
    for (let i = 0; i < plan.requests; i++) times.push((await timedGet(target, path)).ms);
    results.push({ path, bytes, ...timing(times) });
  }
  return results;
}

/** A page's requests sent together, `plan.pages` times (after a warm-up): the time until the last answer. */
export async function measurePage(target: Target, requests: readonly string[], plan: MeasurePlan): Promise<Timing> {
  const once = async (): Promise<number> => {
    const started = performance.now();
    await Promise.all(requests.map((path) => timedGet(target, path)));
    return performance.now() - started;
  };
  for (let i = 0; i < plan.warmup; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < plan.pages; i++) times.push(await once());
  return timing(times);
}
