// core.http against a real HTTP server on loopback: methods and bodies, JSON and text answers,
// status handling and retryability, redirects, the body cap, timeout, abort, unreachable hosts,
// input the action refuses, and request headers kept out of the log.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError, createCoreRegistry } from "../../src/actions/index.js";
import type { AnyActionDefinition, HttpResult } from "../../src/actions/index.js";
import { ValidationError } from "../../src/core/errors.js";
import { rejection, testRun } from "./support.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const http = createCoreRegistry().get("core.http") as AnyActionDefinition;
const received: Received[] = [];
const held: ServerResponse[] = [];
let server: Server;
let base: string;

function answer(res: ServerResponse, status: number, body: string, type = "text/plain"): void {
  res.writeHead(status, { "content-type": type, "x-served-by": "test" });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path === "/json") return answer(res, 200, JSON.stringify({ state: "RUNNING", n: 2 }), "application/json; charset=utf-8");
      if (path === "/problem") return answer(res, 400, JSON.stringify({ title: "bad" }), "application/problem+json");
      if (path === "/echo") return answer(res, 201, JSON.stringify({ got: body, type: req.headers["content-type"] ?? null }), "application/json");
      if (path === "/text") return answer(res, 200, "plain words");
      if (path === "/empty") return answer(res, 204, "");
      if (path === "/big") return answer(res, 200, "é".repeat(1_000), "application/json");
      if (path === "/redirect") {
        res.writeHead(302, { location: "/json" });
        return res.end();
      }
      if (path === "/hold") return held.push(res);
      const status = Number(path.slice(1));
      return answer(res, Number.isInteger(status) && status >= 200 ? status : 404, `status ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(input: Record<string, unknown>, signal?: AbortSignal): Promise<ActionError> {
  const err = await rejection(http.run(input as never, testRun(signal ? { signal } : {}).ctx));
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

describe("core.http", () => {
  it("GETs, parses a JSON answer and returns status, headers and body", async () => {
    const run = testRun();
    const result = (await http.run({ url: `${base}/json?token=abc` }, run.ctx)) as HttpResult;
    expect(result).toMatchObject({ status: 200, body: { state: "RUNNING", n: 2 }, truncated: false });
    expect(result.headers["x-served-by"]).toBe("test");
    expect(received.at(-1)?.method).toBe("GET");
    expect(run.lines("info")).toEqual([expect.stringMatching(new RegExp(`^GET ${base}/json → 200 in \\d+ ms$`))]);
  });

  it("parses +json types, keeps other types as text, and an empty JSON-less body as ''", async () => {
    const problem = await failure({ url: `${base}/problem` });
    expect((problem.result as HttpResult).body).toEqual({ title: "bad" });
    expect(((await http.run({ url: `${base}/text` }, testRun().ctx)) as HttpResult).body).toBe("plain words");
    expect(await http.run({ url: `${base}/empty` }, testRun().ctx)).toMatchObject({ status: 204, body: "" });
  });

  it("sends an object body as JSON, POST by default", async () => {
    const result = (await http.run({ url: `${base}/echo`, body: { restart: true, ids: [1, 2] } }, testRun().ctx)) as HttpResult;
    expect(received.at(-1)?.method).toBe("POST");
    expect(result.body).toEqual({ got: '{"restart":true,"ids":[1,2]}', type: "application/json" });
  });

  it("sends a string body as it is, with the method and content-type given", async () => {
    const input = { url: `${base}/echo`, method: "PUT", body: "k=v", headers: { "Content-Type": "application/x-www-form-urlencoded" } };
    const result = (await http.run(input, testRun().ctx)) as HttpResult;
    expect(received.at(-1)?.method).toBe("PUT");
    expect(result.body).toEqual({ got: "k=v", type: "application/x-www-form-urlencoded" });
    const plain = (await http.run({ url: `${base}/echo`, method: "PATCH", body: "hello" }, testRun().ctx)) as HttpResult;
    expect(plain.body).toEqual({ got: "hello", type: "text/plain; charset=utf-8" });
  });

  it("fails on a 5xx with the response as result, retryable", async () => {
    const err = await failure({ url: `${base}/503` });
    expect(err.message).toBe(`GET ${base}/503 answered 503; expected 200–299`);
    expect(err.code).toBe("http_status");
    expect(err.retryable).toBe(true);
    expect(err.result).toMatchObject({ status: 503, body: "status 503" });
  });

  it("says a retry may help for 429 and 408 but not for other 4xx", async () => {
    expect((await failure({ url: `${base}/429` })).retryable).toBe(true);
    expect((await failure({ url: `${base}/408` })).retryable).toBe(true);
    const notFound = await failure({ url: `${base}/404` });
    expect(notFound.retryable).toBe(false);
    expect(notFound.result).toMatchObject({ status: 404 });
  });

  it("succeeds on the statuses the task expects", async () => {
    expect(await http.run({ url: `${base}/404`, expectStatus: 404 }, testRun().ctx)).toMatchObject({ status: 404 });
    expect(await http.run({ url: `${base}/409`, expectStatus: [200, 409] }, testRun().ctx)).toMatchObject({ status: 409 });
    const err = await failure({ url: `${base}/200`, expectStatus: [201, 202] });
    expect(err.message).toMatch(/answered 200; expected 201 or 202$/);
  });

  it("does not follow redirects unless asked", async () => {
    const err = await failure({ url: `${base}/redirect` });
    expect(err.result).toMatchObject({ status: 302, headers: { location: "/json" } });
    expect(await http.run({ url: `${base}/redirect`, followRedirects: true }, testRun().ctx)).toMatchObject({ status: 200, body: { state: "RUNNING" } });
  });

  it("keeps only the first maxResponseBytes of the body, as text, on a character boundary", async () => {
    const run = testRun();
    const result = (await http.run({ url: `${base}/big`, maxResponseBytes: 101 }, run.ctx)) as HttpResult;
    expect(result.truncated).toBe(true);
    expect(result.body).toBe("é".repeat(50));
    expect(run.lines("info")[0]).toMatch(/body cut to its first 101 bytes/);
  });

  it("gives up after timeoutMs, retryable", async () => {
    const started = performance.now();
    const err = await failure({ url: `${base}/hold`, timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(err.code).toBe("http_timeout");
    expect(err.message).toBe(`GET ${base}/hold got no complete answer within 200 ms`);
    expect(err.retryable).toBe(true);
  });

  it("stops when its signal aborts", async () => {
    const controller = new AbortController();
    const before = held.length;
    const running = failure({ url: `${base}/hold` }, controller.signal);
    // Abort once the server holds the request, so the abort cuts a request in flight.
    await expect.poll(() => held.length, { timeout: 5_000 }).toBe(before + 1);
    controller.abort("the task timed out");
    const err = await running;
    expect(err.code).toBe("action_aborted");
    expect(err.message).toBe("core.http was stopped: the task timed out");
  });

  it("reports an unreachable host, retryable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure({ url: `http://127.0.0.1:${port}/x` });
    expect(err.code).toBe("http_unreachable");
    expect(err.message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/x failed: .*ECONNREFUSED`));
    expect(err.retryable).toBe(true);
  });

  it("refuses input it cannot send, at its pointer", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: "not a url" }, "/url", /not an absolute URL/],
      [{ url: "ftp://host/file" }, "/url", /scheme 'ftp' is not supported/],
      [{ url: "http://user:pw@127.0.0.1/" }, "/url", /Authorization header/],
      [{ url: `${base}/json`, method: "GET", body: { a: 1 } }, "/body", /GET request has no body/],
      [{ url: `${base}/json`, headers: { "bad header": "x" } }, "/headers/bad header", /not a valid HTTP header/],
    ];
    for (const [input, pointer, message] of cases) {
      const err = await rejection(http.run(input as never, testRun().ctx));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).location?.pointer).toBe(pointer);
      expect((err as ValidationError).message).toMatch(message);
      expect((err as ValidationError).message).not.toMatch(/pw/);
    }
  });

  it("sends request headers but never logs them or the query", async () => {
    const run = testRun();
    await http.run({ url: `${base}/200?api_key=QUERYSECRET`, headers: { authorization: "Bearer HEADERSECRET" } }, run.ctx);
    expect(received.at(-1)?.headers.authorization).toBe("Bearer HEADERSECRET");
    const logged = JSON.stringify(run.log.entries());
    expect(logged).not.toMatch(/HEADERSECRET|QUERYSECRET/);
  });
});
