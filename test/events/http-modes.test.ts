// Turning HTTP requests into events: structured, batch, binary and plain JSON, per-event size
// limits, and bad items refused alone while their batch goes on.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors.js";
import type { IngestItem, IngestRequest } from "../../src/events/http-modes.js";
import { parseIngestRequest } from "../../src/events/http-modes.js";
import { percentDecode } from "../../src/events/binary-mode.js";

const now = Date.UTC(2026, 0, 1);

function request(body: string | Buffer, contentType: string | undefined, headers: IngestRequest["headers"] = {}, maxEventBytes = 1024 * 1024): IngestRequest {
  return { contentType, headers: { ...(contentType === undefined ? {} : { "content-type": contentType }), ...headers }, body: Buffer.from(body), maxEventBytes, now };
}

function events(items: IngestItem[]) {
  return items.map((item) => {
    if (!item.ok) throw new Error(`refused: ${item.pointer} ${item.error}`);
    return item.event;
  });
}

function thrown(req: IngestRequest): ValidationError {
  try {
    parseIngestRequest(req);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("expected a ValidationError");
}

describe("parseIngestRequest", () => {
  it("reads structured mode", () => {
    const r = parseIngestRequest(request('{"source":"s","type":"t","id":"1","data":{"a":1}}', "application/cloudevents+json; charset=utf-8"));
    expect(r.batch).toBe(false);
    expect(events(r.items)).toEqual([{ specversion: "1.0", id: "1", source: "s", type: "t", time: "2026-01-01T00:00:00.000Z", data: { a: 1 } }]);
  });

  it("reads a plain JSON envelope whatever the content type says", () => {
    for (const type of [undefined, "application/json", "text/plain", "application/x-www-form-urlencoded"]) {
      const r = parseIngestRequest(request('{"source":"s","type":"t"}', type));
      expect(r.batch).toBe(false);
      expect(events(r.items)[0]?.source).toBe("s");
    }
  });

  it("reads batch mode and JSON arrays, refusing bad items alone by index", () => {
    const body = JSON.stringify([{ source: "s", type: "t", id: "a" }, { type: "t", id: "b" }, "oops", { source: "s", type: "t", time: "soon" }, { source: "s", type: "t" }]);
    for (const type of ["application/cloudevents-batch+json", "application/json"]) {
      const r = parseIngestRequest(request(body, type));
      expect(r.batch).toBe(true);
      expect(r.items.map((i) => i.ok)).toEqual([true, false, false, false, true]);
      expect(r.items[1]).toMatchObject({ ok: false, id: "b", pointer: "/1/source" });
      expect(r.items[2]).toMatchObject({ ok: false, pointer: "/2" });
      expect(r.items[3]).toMatchObject({ ok: false, pointer: "/3/time" });
    }
    expect(parseIngestRequest(request("[]", "application/cloudevents-batch+json"))).toEqual({ batch: true, items: [] });
  });

  it("refuses an event over the size limit alone, naming the limit", () => {
    const body = JSON.stringify([{ source: "s", type: "t", data: "x".repeat(500) }, { source: "s", type: "t", id: "small" }]);
    const r = parseIngestRequest(request(body, "application/json", {}, 400));
    expect(r.items[0]).toMatchObject({ ok: false, pointer: "/0" });
    expect(r.items[0]?.ok === false && r.items[0].error).toContain("limit of 400 bytes");
    expect(r.items[1]?.ok).toBe(true);
  });

  it("throws one clear error for a body that is not JSON or not the shape of its mode", () => {
    expect(thrown(request('{"source": "s",\n "type": }', "application/json")).message).toContain("line 2, column 10 (byte 25)");
    expect(thrown(request("source=s", "application/x-www-form-urlencoded")).message).toContain("sent as application/x-www-form-urlencoded");
    expect(thrown(request('{"source":"s","type":"t"}', "application/cloudevents-batch+json")).message).toContain("takes a JSON array");
    expect(thrown(request("[]", "application/cloudevents+json")).message).toContain("application/cloudevents-batch+json");
    expect(thrown(request("42", "application/json")).message).toContain("got a number");
    expect(thrown(request("", "application/json")).message).toContain("empty");
  });

  describe("binary mode", () => {
    const ce = { "ce-specversion": "1.0", "ce-id": "b-1", "ce-source": "cvm.cloud.tencent", "ce-type": "cvm:ErrorEvent:PingUnreachable" };

    it("takes attributes from ce- headers, percent-decoded, and JSON data from the body", () => {
      const r = parseIngestRequest(
        request('{"instanceId":"ins-1"}', "application/json; charset=utf-8", {
          ...ce,
          "ce-subject": "ins-1%20%E4%B8%BB%E6%9C%BA",
          "ce-time": "2026-01-01T08:00:00Z",
          "ce-region": "ap-guangzhou",
        }),
      );
      expect(r.batch).toBe(false);
      expect(events(r.items)).toEqual([
        {
          specversion: "1.0",
          id: "b-1",
          source: "cvm.cloud.tencent",
          type: "cvm:ErrorEvent:PingUnreachable",
          subject: "ins-1 主机",
          time: "2026-01-01T08:00:00Z",
          region: "ap-guangzhou",
          datacontenttype: "application/json; charset=utf-8",
          data: { instanceId: "ins-1" },
        },
      ]);
    });

    it("reads text as a string, other media types as base64, no body as no data", () => {
      expect(events(parseIngestRequest(request("disk full", "text/plain", ce)).items)[0]?.data).toBe("disk full");
      const bin = events(parseIngestRequest(request(Buffer.from([0, 1, 254]), "application/octet-stream", ce)).items)[0];
      expect(bin?.data_base64).toBe("AAH+");
      expect(bin?.data).toBeUndefined();
      const empty = events(parseIngestRequest(request("", undefined, ce)).items)[0];
      expect(empty && "data" in empty).toBe(false);
      expect(events(parseIngestRequest(request('{"a":1}', undefined, ce)).items)[0]?.data).toEqual({ a: 1 });
      expect(events(parseIngestRequest(request("not json", undefined, ce)).items)[0]?.data_base64).toBe(Buffer.from("not json").toString("base64"));
    });

    it("refuses bad attributes or bad JSON data as one item with the id", () => {
      const missing = parseIngestRequest(request("{}", "application/json", { "ce-specversion": "1.0", "ce-id": "x", "ce-type": "t" }));
      expect(missing.items).toEqual([{ ok: false, id: "x", pointer: "/source", error: expect.stringContaining("source is required") as string }]);
      const badJson = parseIngestRequest(request("{oops", "application/json", ce));
      expect(badJson.items[0]).toMatchObject({ ok: false, id: "b-1" });
      expect(badJson.items[0]?.ok === false && badJson.items[0].error).toContain("line 1, column 2");
      const version = parseIngestRequest(request("", undefined, { ...ce, "ce-specversion": "0.3" }));
      expect(version.items[0]).toMatchObject({ ok: false, pointer: "/specversion" });
    });

    it("applies the size limit", () => {
      const r = parseIngestRequest(request("x".repeat(2000), "text/plain", ce, 1000));
      expect(r.items[0]).toMatchObject({ ok: false, id: "b-1", pointer: "" });
    });
  });
});

describe("percentDecode", () => {
  it.each([
    ["plain", "plain"],
    ["100%25", "100%"],
    ["a%20b%22c%22", 'a b"c"'],
    ["%E2%9C%93 ok", "✓ ok"],
    ["50% off", "50% off"],
    ["%ZZ", "%ZZ"],
    ["%C3", "%C3"],
  ])("decodes %j", (raw, decoded) => {
    expect(percentDecode(raw)).toBe(decoded);
  });
});
