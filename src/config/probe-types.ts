// `kind: Probe` as the rest of Reflex reads it, after loading and validation: durations in
// milliseconds, defaults filled in, header templates kept as written (the prober compiles them
// once per spec).
//
//   kind: Probe
//   name: web-01
//   type: http                       # http | tcp | icmp
//   url: https://web-01.internal/healthz
//   headers: {Authorization: "Bearer {{ secrets.WEB_TOKEN }}"}
//   expectStatus: [200, 299]
//   expectBody: {contains: ok}
//   interval: 10s
//   failures: 3

/** The checks a probe can make. */
export type ProbeType = "http" | "tcp" | "icmp";

/** The methods an `http` probe may use. */
export type ProbeHttpMethod = "GET" | "HEAD";

/** What every probe has, whatever it checks. */
export interface ProbeBase {
  name: string;
  description?: string;
  /** Time between two checks. */
  intervalMs: number;
  /** Time one check may take; a check that takes longer fails. */
  timeoutMs: number;
  /** Consecutive failed checks that take the probe down. */
  failures: number;
  /** Consecutive successful checks that bring the probe up. */
  successes: number;
  /** Bus the `reflex.probe.up` / `reflex.probe.down` events go to. */
  bus: string;
  /** The events' `subject`; the probe's target when the document gives none. */
  subject: string;
  /** Copied into every event's data. */
  labels: Record<string, string>;
}

/** `type: http`: a request whose answer must have an expected status (and body). */
export interface HttpProbeSpec extends ProbeBase {
  type: "http";
  /** Absolute http(s) URL. */
  url: string;
  method: ProbeHttpMethod;
  /** Header name → value; values may hold `{{ secrets.NAME }}`. */
  headers: Record<string, string>;
  /** Inclusive range of statuses that count as success, `[min, max]`. */
  expectStatus: [number, number];
  /** What the start of the body must hold, when given (both must hold when both are given). */
  expectBody?: {
    /** A substring. */
    contains?: string;
    /** An RE2 regular expression (linear time), searched for. */
    matches?: string;
  };
}

/** `type: tcp`: a TCP connection must open. */
export interface TcpProbeSpec extends ProbeBase {
  type: "tcp";
  host: string;
  port: number;
}

/** `type: icmp`: one echo request must be answered (system `ping`). */
export interface IcmpProbeSpec extends ProbeBase {
  type: "icmp";
  host: string;
}

/** A validated `kind: Probe`. */
export type ProbeSpec = HttpProbeSpec | TcpProbeSpec | IcmpProbeSpec;
