// Types for the part of autocannon's programmatic API the benchmarks use (the package ships
// none). Only what bench/load.ts touches is declared, so a misuse fails the typecheck.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    /** What a request-level hook may read and change before the request is encoded. */
    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    /** Per-connection scratch space, shared by `setupRequest` and `onResponse` of one request. */
    type Context = Record<string, unknown>;

    interface RequestSpec extends RequestParams {
      setupRequest?: (request: RequestParams, context: Context) => RequestParams;
      onResponse?: (status: number, body: string, context: Context) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      pipelining?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before an unanswered request counts as a timeout. */
      timeout?: number;
      overallRate?: number;
      ignoreCoordinatedOmission?: boolean;
      method?: string;
      headers?: Record<string, string>;
      requests?: RequestSpec[];
    }

    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      max: number;
    }

    interface Result {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      latency: Histogram;
      statusCodeStats: Record<string, { count: number }>;
    }

    /** A running load: emits `response` (client, statusCode, resBytes, responseTimeMs) per reply. */
    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): autocannon.Instance;

  export = autocannon;
}
