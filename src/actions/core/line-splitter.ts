// A child process writes bytes in arbitrary chunks; the task log wants lines. A LineSplitter
// turns chunks into lines as they arrive (so output is visible while a command still runs),
// decoding UTF-8 across chunk boundaries, dropping the `\r` of CRLF endings, and emitting an
// overlong unterminated line in pieces so a stream without newlines cannot grow memory.
import { StringDecoder } from "node:string_decoder";

/** Longest pending line, in characters, before it is emitted without its end. */
export const MAX_PENDING_CHARS = 16 * 1024;

/** Splits a byte stream into lines and hands each to `emit`. */
export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private pending = "";

  constructor(private readonly emit: (line: string) => void) {}

  /** Takes the next chunk; emits the lines it completes. */
  write(chunk: Buffer): void {
    const parts = (this.pending + this.decoder.write(chunk)).split("\n");
    this.pending = parts.pop() ?? "";
    for (const line of parts) this.emit(line.endsWith("\r") ? line.slice(0, -1) : line);
    while (this.pending.length > MAX_PENDING_CHARS) {
      this.emit(this.pending.slice(0, MAX_PENDING_CHARS));
      this.pending = this.pending.slice(MAX_PENDING_CHARS);
    }
  }

  /** The stream ended: emits the last line if it had no newline. */
  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = "";
    if (rest !== "") this.emit(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
  }
}
