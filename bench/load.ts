// One load run with autocannon, from this process: POSTs CVM events with ids never sent
// before (each request's ids are made in `setupRequest`), remembers which ids were
// acknowledged with a 202, and times every request exactly (autocannon's own histogram has
// 1 ms buckets, too coarse for sub-millisecond medians).
import autocannon from "autocannon";
import type { CvmEvents } from "./cvm-events.js";

/** What to send, how hard, for how long. */
export interface LoadSpec {
  /** Server base URL, e.g. http://127.0.0.1:7420. */
  url: string;
  path: string;
  /** Bearer token, when the server wants one. */
  token?: string;
  connections: number;
  durationS: number;
  /** Requests per second over all connections; unset means as fast as the server answers. */
  overallRate?: number;
  /** 1: structured mode (one event per request); more: batch mode. */
  eventsPerRequest: number;
  /** Prefix of every event id of this run, to find its events in the store. */
  idPrefix: string;
  events: CvmEvents;
}

/** What a load run observed. */
export interface LoadResult {
  durationS: number;
  /** Requests answered 202. */
  accepted: number;
  /** Requests answered otherwise, by status code. */
  otherStatus: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  /** Ids of the events in 202-acknowledged requests. */
  ackedIds: string[];
  /** Latency of the 202 requests, in ms. */
  latency: LatencySummary;
}

export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

const ACCEPTED = 202;

/** Runs the load and resolves when autocannon is done. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const batch = spec.eventsPerRequest > 1;
  const ackedIds: string[] = [];
  const latencies: number[] = [];
  let counter = 0;
  const request: autocannon.RequestSpec = {
    method: "POST",
    path: spec.path,
    headers: {
      "content-type": batch ? "application/cloudevents-batch+json" : "application/cloudevents+json",
      ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
    },
    setupRequest(req, context) {
      const ids = Array.from({ length: spec.eventsPerRequest }, () => `${spec.idPrefix}${(counter++).toString(36)}`);
      context.ids = ids;
      return { ...req, body: batch ? spec.events.batch(ids) : spec.events.one(ids[0] ?? "") };
    },
    onResponse(status, _body, context) {
      if (status === ACCEPTED && Array.isArray(context.ids)) {
        for (const id of context.ids) if (typeof id === "string") ackedIds.push(id);
      }
    },
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        pipelining: 1,
        duration: spec.durationS,
        timeout: 10,
        ...(spec.overallRate ? { overallRate: spec.overallRate, ignoreCoordinatedOmission: true } : {}),
        requests: [request],
      },
      (err, result) => {
        if (err) return reject(err);
        const otherStatus: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
          if (Number(code) !== ACCEPTED) otherStatus[code] = count;
        }
        resolve({
          durationS: result.duration,
          accepted: result.statusCodeStats[String(ACCEPTED)]?.count ?? 0,
          otherStatus,
          errors: result.errors,
          ackedIds,
          latency: summarize(latencies),
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === ACCEPTED) latencies.push(ms);
    });
  });
}

/** Exact percentiles (nearest rank) of a list of latencies. */
function summarize(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}
