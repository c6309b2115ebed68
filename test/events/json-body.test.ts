// Reading a body as JSON: faults named by line, column and byte; the syntax scanner agrees
// with JSON.parse on what is valid.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors.js";
import { parseJsonBody } from "../../src/events/json-body.js";
import { findJsonSyntaxFault } from "../../src/events/json-syntax.js";

function message(text: string | Buffer): string {
  try {
    parseJsonBody(typeof text === "string" ? Buffer.from(text) : text);
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
    throw err;
  }
  throw new Error("expected a ValidationError");
}

describe("parseJsonBody", () => {
  it("parses JSON, with or without a byte-order mark", () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,"é"]}'))).toEqual({ a: [1, "é"] });
    expect(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("[]")]))).toEqual([]);
  });

  it.each([
    ['{"a":}', 'expected a value, found "}" at line 1, column 6 (byte 5)'],
    ['[\n  {"source": "s"},\n  {"source": "s" "type": "t"}\n]', 'expected "," or "}", found "\\"" at line 3, column 18 (byte 38)'],
    ['{"é": 1,,}', 'expected a property name in double quotes, found "," at line 1, column 9 (byte 9)'],
    ['{"a": 1', "the text ends inside an object at line 1, column 8 (byte 7)"],
    ['{"a": "x\ny"}', "control character"],
    ['{"a": "\\q"}', "invalid escape"],
    ["[1] [2]", 'unexpected "[" after the end of the JSON value'],
    ["[01]", 'expected "," or "]", found "1"'],
    ["{'a': 1}", "expected a property name in double quotes"],
  ])("names where %j goes wrong", (text, words) => {
    expect(message(text)).toContain(words);
  });

  it("refuses empty bodies and text that is not UTF-8", () => {
    expect(message("  \n")).toContain("is empty");
    expect(message(Buffer.from([0x7b, 0xff, 0x7d]))).toContain("not valid UTF-8");
  });

  it("scans deep nesting without overflowing the stack", () => {
    const deep = "[".repeat(200_000);
    expect(findJsonSyntaxFault(deep)?.reason).toContain("ends inside an array");
    expect(findJsonSyntaxFault(`${deep}${"]".repeat(200_000)}`)).toBeUndefined();
  });

  it("agrees with JSON.parse on valid and broken texts", () => {
    const valid = fc.json();
    fc.assert(fc.property(valid, (text) => findJsonSyntaxFault(text) === undefined));
    const mutated = fc.tuple(valid, fc.nat(), fc.constantFrom("", "{", "}", "[", "]", ",", ":", '"', "\\", "x", "-", "0", "\n"));
    fc.assert(
      fc.property(mutated, ([text, at, insert]) => {
        const i = at % (text.length + 1);
        const broken = text.slice(0, i) + insert + text.slice(i + 1);
        let parses = true;
        try {
          JSON.parse(broken);
        } catch {
          parses = false;
        }
        return parses === (findJsonSyntaxFault(broken) === undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
