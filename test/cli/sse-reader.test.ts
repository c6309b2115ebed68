// The CLI's event-stream reader: events split across chunks anywhere (even inside a CRLF or a
// multi-byte character), every line ending, comments, multi-line data, named and unnamed
// events, and an event left unfinished when the stream ends (not dispatched, as the standard says).
import { describe, expect, it } from "vitest";
import { readSse } from "../../src/cli/sse-reader.js";
import type { SseMessage } from "../../src/cli/sse-reader.js";

function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function read(chunks: readonly Uint8Array[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const message of readSse(streamOf(chunks))) out.push(message);
  return out;
}

const TEXT = ": ping\r\n\r\nevent: execution\r\nid: 7\r\ndata: {\"a\":\"é\"}\r\n\r\ndata: one\ndata: two\n\nevent:end\rdata:{}\r\rdata: unfinished\n";
const EXPECTED: SseMessage[] = [
  { event: "execution", id: "7", data: '{"a":"é"}' },
  { event: "message", id: "7", data: "one\ntwo" },
  { event: "end", id: "7", data: "{}" },
];

describe("readSse", () => {
  it("reads events whole", async () => {
    expect(await read([new TextEncoder().encode(TEXT)])).toEqual(EXPECTED);
  });

  it("reads the same events however the bytes are split", async () => {
    const bytes = new TextEncoder().encode(TEXT);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await read([bytes.slice(0, cut), bytes.slice(cut)]), `split at byte ${cut}`).toEqual(EXPECTED);
    }
    expect(await read([...bytes].map((b) => new Uint8Array([b])))).toEqual(EXPECTED);
  });
});
