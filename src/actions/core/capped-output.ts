// A command's output kept for its result: the first `maxBytes` bytes of one stream, the rest
// counted but not kept, so a command that prints gigabytes costs a worker no more than the cap.
import { utf8Prefix } from "../utf8-prefix.js";

/** The start of one output stream, up to a byte cap. */
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  /** Adds a chunk; returns true when this chunk is the first to go past the cap. */
  push(chunk: Buffer): boolean {
    const before = this.total;
    this.total += chunk.byteLength;
    // A few bytes past the cap are kept so `text()` can see whether the cut splits a character.
    const keep = this.maxBytes + 4;
    if (this.kept < keep) {
      const room = keep - this.kept;
      const part = chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.byteLength;
    }
    return before <= this.maxBytes && this.total > this.maxBytes;
  }

  /** True when the stream was longer than the cap. */
  get truncated(): boolean {
    return this.total > this.maxBytes;
  }

  /** The kept bytes as text, ending on a whole character. */
  text(): string {
    return Buffer.from(utf8Prefix(Buffer.concat(this.chunks), this.maxBytes)).toString("utf8");
  }
}
