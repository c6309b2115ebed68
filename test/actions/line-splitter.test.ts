// Output chunks become log lines: characters split across chunks, CRLF endings, a last line
// without a newline, and a line that never ends emitted in pieces.
import { describe, expect, it } from "vitest";
import { LineSplitter, MAX_PENDING_CHARS } from "../../src/actions/core/line-splitter.js";

function split(chunks: Buffer[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
}

describe("LineSplitter", () => {
  it("joins a character split across chunks and drops the CR of CRLF", () => {
    const bytes = Buffer.from("héllo\r\nwörld\n");
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual(["héllo", "wörld"]);
  });

  it("emits the last line without a newline at the end, and keeps empty lines", () => {
    expect(split([Buffer.from("a\n\nb")])).toEqual(["a", "", "b"]);
    expect(split([])).toEqual([]);
  });

  it("emits a line that never ends in pieces, so memory stays bounded", () => {
    const lines = split([Buffer.from("x".repeat(MAX_PENDING_CHARS * 2 + 10))]);
    expect(lines.map((l) => l.length)).toEqual([MAX_PENDING_CHARS, MAX_PENDING_CHARS, 10]);
  });
});
