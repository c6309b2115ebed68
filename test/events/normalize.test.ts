// Envelope normalisation: defaults, attribute checks with pointers, extensions kept as given,
// RFC 3339 parsing, the event time and the free-text view.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors.js";
import type { CloudEvent } from "../../src/core/event.js";
import { eventTimeMs, normalizeEvent, SEARCH_TEXT_LIMIT, searchText } from "../../src/events/normalize.js";
import { parseRfc3339 } from "../../src/core/rfc3339.js";

const now = Date.UTC(2026, 0, 1, 8, 30, 0, 250);

function failure(input: unknown, pointer?: string): ValidationError {
  try {
    normalizeEvent(input, { now, ...(pointer === undefined ? {} : { pointer }) });
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("expected a ValidationError");
}

describe("normalizeEvent", () => {
  it("fills specversion, id and time", () => {
    const e = normalizeEvent({ source: "app", type: "deploy.done" }, { now });
    expect(e.specversion).toBe("1.0");
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.time).toBe("2026-01-01T08:30:00.250Z");
    expect(normalizeEvent({ source: "app", type: "x" }, { now }).id).not.toBe(e.id);
  });

  it("keeps given attributes, data and extensions at top level as given", () => {
    const input = {
      specversion: "1.0",
      id: "42",
      source: "cvm.cloud.tencent",
      type: "cvm:ErrorEvent:PingUnreachable",
      subject: "ins-1",
      time: "2026-01-01T10:00:00+08:00",
      datacontenttype: "application/json",
      dataschema: "https://example.com/schema",
      data: { instanceId: "ins-1", n: [1, 2] },
      region: "ap-guangzhou",
      status: "1",
      resource: ["qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"],
      tags: { env: "prod" },
    };
    expect(normalizeEvent(input, { now })).toEqual(input);
  });

  it("treats null optional attributes as absent and keeps data_base64", () => {
    const e = normalizeEvent({ source: "s", type: "t", id: null, time: null, subject: null, data_base64: "AQID" }, { now });
    expect(e.subject).toBeUndefined();
    expect("subject" in e).toBe(false);
    expect(e.data_base64).toBe("AQID");
    expect(e.time).toBe("2026-01-01T08:30:00.250Z");
  });

  it("keeps an extension named __proto__ as data, not as a prototype", () => {
    const input = JSON.parse('{"source":"s","type":"t","__proto__":{"polluted":true}}') as unknown;
    const e = normalizeEvent(input, { now });
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(JSON.stringify(e)).toContain('"__proto__":{"polluted":true}');
  });

  it.each([
    [[], "", "must be a JSON object"],
    ["text", "", "must be a JSON object"],
    [{ type: "t" }, "/source", "source is required"],
    [{ source: "", type: "t" }, "/source", "non-empty string"],
    [{ source: "s" }, "/type", "type is required"],
    [{ source: "s", type: 5 }, "/type", "got number 5"],
    [{ source: "s", type: "t", specversion: "0.3" }, "/specversion", 'Reflex reads CloudEvents "1.0"'],
    [{ source: "s", type: "t", id: "" }, "/id", "non-empty string"],
    [{ source: "s", type: "t", id: 7 }, "/id", "non-empty string"],
    [{ source: "s", type: "t", time: "yesterday" }, "/time", "RFC 3339"],
    [{ source: "s", type: "t", time: 1767225600000 }, "/time", "RFC 3339"],
    [{ source: "s", type: "t", subject: 3 }, "/subject", "must be a string"],
    [{ source: "s", type: "t", datacontenttype: {} }, "/datacontenttype", "must be a string"],
    [{ source: "s", type: "t", data: 1, data_base64: "AQ==" }, "/data_base64", "not both"],
  ])("rejects %j at %s", (input, pointer, words) => {
    const err = failure(input);
    expect(err.location?.pointer).toBe(pointer);
    expect(err.message).toContain(words);
  });

  it("puts the batch index in front of the pointer", () => {
    expect(failure({ type: "t" }, "/3").location?.pointer).toBe("/3/source");
    expect(failure(null, "/7").location?.pointer).toBe("/7");
  });
});

describe("parseRfc3339 and eventTimeMs", () => {
  it.each([
    ["2026-01-01T00:00:00Z", Date.UTC(2026, 0, 1)],
    ["2026-01-01t00:00:00.5z", Date.UTC(2026, 0, 1, 0, 0, 0, 500)],
    ["2026-01-01 08:00:00+08:00", Date.UTC(2026, 0, 1)],
    ["2025-12-31T19:00:00.123456789-05:00", Date.UTC(2026, 0, 1, 0, 0, 0, 123)],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["0001-01-01T00:00:00Z", -62135596800000],
  ])("reads %s", (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it.each(["2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00", "2026-01-01", "1767225600000", "2026-01-01T00:00:00+0800"])(
    "refuses %s",
    (text) => {
      expect(parseRfc3339(text)).toBeUndefined();
    },
  );

  it("gives the event time in ms", () => {
    expect(eventTimeMs(normalizeEvent({ source: "s", type: "t", time: "2026-01-01T08:00:00+08:00" }, { now }))).toBe(Date.UTC(2026, 0, 1));
    expect(() => eventTimeMs({ specversion: "1.0", id: "1", source: "s", type: "t" })).toThrow(ValidationError);
  });
});

describe("searchText", () => {
  const event: CloudEvent = {
    specversion: "1.0",
    id: "id-not-indexed",
    source: "cvm.cloud.tencent",
    type: "cvm:ErrorEvent:PingUnreachable",
    subject: "ins-3k9x2f7q",
    region: "ap-guangzhou",
    tags: { team: "payments" },
    ok: true,
    data: { ip: "10.0.3.17", cpu: 97.5, nested: [{ msg: "ping lost" }], flag: false, nothing: null },
  };

  it("holds source, type, subject and the string and number leaves of extensions and data", () => {
    const text = searchText(event);
    for (const word of ["cvm.cloud.tencent", "cvm:ErrorEvent:PingUnreachable", "ins-3k9x2f7q", "ap-guangzhou", "payments", "10.0.3.17", "97.5", "ping lost"]) {
      expect(text).toContain(word);
    }
    expect(text).not.toContain("id-not-indexed");
    expect(text).not.toContain("false");
  });

  it("is bounded", () => {
    const big: CloudEvent = { ...event, data: { lines: Array.from({ length: 5000 }, (_, i) => `line ${i} of a long log`) } };
    const text = searchText(big);
    expect(text.length).toBeLessThanOrEqual(SEARCH_TEXT_LIMIT);
    expect(text.length).toBeGreaterThan(SEARCH_TEXT_LIMIT - 100);
    // type and subject come first and whole: SQLite serves exact filters on them from this text
    expect(text.startsWith(`${big.type} ${big.subject ?? ""} cvm.cloud.tencent`)).toBe(true);
  });

  it("keeps type and subject whole even when the source is huge", () => {
    const text = searchText({ ...event, source: "s".repeat(SEARCH_TEXT_LIMIT * 2) });
    expect(text.startsWith(`${event.type} ${event.subject ?? ""} `)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(SEARCH_TEXT_LIMIT);
  });
});
