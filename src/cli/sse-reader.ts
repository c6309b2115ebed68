// Reads a server-sent event stream (the `text/event-stream` format of the HTML standard) from
// a fetch response body, for commands that follow something live (`reflex run --wait`). Lines
// end in LF, CRLF or CR; comment lines are skipped; one event is dispatched at each blank line.
// An event larger than a limit ends the read with an error instead of filling memory.
import { ValidationError } from "../core/errors.js";

/** One event as sent: its name (`message` unless named), last id, and data lines joined by LF. */
export interface SseMessage {
  event: string;
  id: string | undefined;
  data: string;
}

/** Largest event accepted (its data), in characters. */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

/** The events of `body`, in order, until the stream ends. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let pending = "";
  let event = "";
  let id: string | undefined;
  let data: string[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end: RegExpExecArray | null;
      const newline = /\r\n|\r|\n/g;
      let from = 0;
      while ((end = newline.exec(pending)) !== null) {
        // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
        if (end[0] === "\r" && end.index === pending.length - 1 && !done) break;
        const line = pending.slice(from, end.index);
        from = end.index + end[0].length;
        if (line === "") {
          if (data.length > 0) yield { event: event || "message", id, data: data.join("\n") };
          event = "";
          data = [];
          size = 0;
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + (line[colon + 1] === " " ? 2 : 1));
        if (field === "event") event = text;
        else if (field === "id") id = text;
        else if (field === "data") {
          size += text.length;
          data.push(text);
        }
      }
      pending = pending.slice(from);
      if (size + pending.length > MAX_EVENT_CHARS) throw new ValidationError(`an event of the stream is larger than ${MAX_EVENT_CHARS / 1024 / 1024} MiB; stopped reading`);
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
