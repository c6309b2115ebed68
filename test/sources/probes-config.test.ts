// `kind: Probe` as a user writes it: each type becomes a typed spec with its defaults, and
// every mistake the schema cannot see (interval, timeout, URL, header names and templates,
// status range, body regex, host, undeclared bus) is reported at its file:line:col.
import { describe, expect, it } from "vitest";
import { configOf, placesOf, yaml } from "../config/fixture.js";

describe("kind: Probe", () => {
  it("loads http, tcp and icmp probes with their defaults filled in", async () => {
    const config = await configOf({
      "probes.yaml": yaml(
        "kind: Bus",
        "name: ops",
        "---",
        "kind: Probe",
        "name: web",
        "type: http",
        "url: https://web-01.internal/healthz",
        'headers: {Authorization: "Bearer {{ secrets.WEB_TOKEN }}"}',
        "expectStatus: [200, 399]",
        "expectBody: {contains: ok, matches: '^status: (ok|fine)$'}",
        "interval: 10s",
        "timeout: 2s",
        "failures: 2",
        "successes: 2",
        "bus: ops",
        "subject: web-01",
        "labels: {team: web}",
        "---",
        "kind: Probe",
        "name: db-port",
        "type: tcp",
        "host: db-01.internal",
        "port: 5432",
        "---",
        "kind: Probe",
        "name: gw",
        "type: icmp",
        "host: 10.0.0.1",
        "interval: 2s",
      ),
    });
    expect([...config.probes.values()]).toEqual([
      {
        name: "web",
        type: "http",
        url: "https://web-01.internal/healthz",
        method: "GET",
        headers: { Authorization: "Bearer {{ secrets.WEB_TOKEN }}" },
        expectStatus: [200, 399],
        expectBody: { contains: "ok", matches: "^status: (ok|fine)$" },
        intervalMs: 10_000,
        timeoutMs: 2000,
        failures: 2,
        successes: 2,
        bus: "ops",
        subject: "web-01",
        labels: { team: "web" },
      },
      { name: "db-port", type: "tcp", host: "db-01.internal", port: 5432, intervalMs: 30_000, timeoutMs: 5000, failures: 3, successes: 1, bus: "default", subject: "db-01.internal:5432", labels: {} },
      // The default timeout never exceeds the interval.
      { name: "gw", type: "icmp", host: "10.0.0.1", intervalMs: 2000, timeoutMs: 2000, failures: 3, successes: 1, bus: "default", subject: "10.0.0.1", labels: {} },
    ]);
    expect(config.origins.get("Probe/gw")?.line).toBe(25);
  });

  it("checks fields against the probe's own type, suggesting the field meant", async () => {
    expect(
      await placesOf({
        "p.yaml": yaml("kind: Probe", "name: a", "type: tcp", "host: db", "prot: 5432", "---", "kind: Probe", "name: b", "type: ftp", "host: x"),
      }),
    ).toEqual([
      "p.yaml:1:1 [/port] missing required field 'port'",
      "p.yaml:5:1 [/prot] unknown field 'prot'; did you mean 'port'?",
      "p.yaml:9:7 [/type] 'type' must be http, tcp or icmp (got 'ftp')",
    ]);
  });

  it("reports timing, URL, header, status, body, regex, host and bus mistakes at their place", async () => {
    const places = await placesOf({
      "p.yaml": yaml(
        "kind: Probe",
        "name: fast",
        "type: icmp",
        "host: -f",
        "interval: 500ms",
        "---",
        "kind: Probe",
        "name: slow-check",
        "type: tcp",
        "host: db",
        "port: 1",
        "interval: 5s",
        "timeout: 10s",
        "---",
        "kind: Probe",
        "name: web",
        "type: http",
        "url: ftp://x",
        'headers: {"Bad Name": x, X-Token: "{{ secrets. }}"}',
        "expectStatus: [299, 200]",
        "expectBody: {matches: '(a)\\1'}",
        "---",
        "kind: Probe",
        "name: elsewhere",
        "type: icmp",
        "host: fd00::5",
        "bus: opz",
        "---",
        "kind: Probe",
        "name: head",
        "type: http",
        "url: https://x.example",
        "method: HEAD",
        "expectBody: {contains: ok}",
      ),
    });
    expect(places).toEqual([
      "p.yaml:4:7 [/host] '-f' is not a host name or an IP address; write e.g. db-01.internal, 10.0.0.5 or fd00::5 (no scheme, port or path)",
      "p.yaml:5:11 [/interval] 'interval' must be from 1s to 1d (got 500ms)",
      "p.yaml:13:10 [/timeout] 'timeout' (10s) must not be longer than 'interval' (5s): a check must end before the next one is due",
      "p.yaml:18:6 [/url] the URL must use http or https, not 'ftp'",
      expect.stringMatching(/^p\.yaml:19:11 \[\/headers\/Bad Name\] 'Bad Name' is not a valid header name/),
      expect.stringMatching(/^p\.yaml:19:\d+ \[\/headers\/X-Token\] /),
      "p.yaml:20:15 [/expectStatus] 'expectStatus' is a range [min, max]: 299 is above 200",
      expect.stringMatching(/^p\.yaml:21:23 \[\/expectBody\/matches\] 'expectBody.matches' does not compile \(RE2 syntax: no backreferences or lookaround\)/),
      "p.yaml:27:6 [/bus] bus 'opz' is not declared; declare it with 'kind: Bus' or use one of: default",
      "p.yaml:34:1 [/expectBody] a HEAD request has no body to check; remove 'expectBody' or use method GET",
    ]);
  });
});
