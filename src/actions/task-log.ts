// What an action writes while it runs (a command's output, an HTTP call's summary) is kept with
// its task so people can read it in the execution view. A TaskLog collects those lines in
// memory, bounded so a chatty command cannot exhaust a worker or bloat the store: at most
// `maxLines` lines and `maxBytes` bytes are kept — the first ones, since the lines after the
// limit are dropped and counted, and a final marker says how many — and a line longer than
// `maxLineBytes` is cut. Secret values are replaced by `***` before a line is measured or kept.
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/clock.js";
import { redactor } from "../core/redact.js";
import type { Redactor } from "../core/redact.js";
import type { ActionLog } from "./types.js";
import { utf8Prefix } from "./utf8-prefix.js";

/** Which stream a log line came from; `info` is a note from the action itself. */
export type LogStream = "stdout" | "stderr" | "info";

/** One kept log line. */
export interface LogEntry {
  /** When the line was written, epoch milliseconds. */
  ts: number;
  stream: LogStream;
  line: string;
}

/** Bounds of a TaskLog. */
export interface TaskLogLimits {
  /** Most lines kept (the drop marker comes on top); default 1,000. */
  maxLines: number;
  /** Most bytes of line text kept (UTF-8); default 256 KiB. */
  maxBytes: number;
  /** A longer line is cut to this many bytes; default 4 KiB. */
  maxLineBytes: number;
}

/** The bounds a TaskLog has unless told otherwise. */
export const DEFAULT_TASK_LOG_LIMITS: Readonly<TaskLogLimits> = Object.freeze({
  maxLines: 1_000,
  maxBytes: 256 * 1024,
  maxLineBytes: 4 * 1024,
});

/** How a TaskLog is set up. */
export interface TaskLogOptions {
  /** Secret values to replace with `***` (usually the values of the run's `ctx.secrets`). */
  secrets?: Iterable<string>;
  limits?: Partial<TaskLogLimits>;
  clock?: Clock;
}

/** A bounded, redacting ActionLog that keeps its lines in memory for the engine to store. */
export class TaskLog implements ActionLog {
  private readonly kept: LogEntry[] = [];
  private readonly limits: TaskLogLimits;
  private readonly clock: Clock;
  private readonly redact: Redactor;
  private bytes = 0;
  private droppedLines = 0;
  private lastDropTs = 0;

  constructor(options: TaskLogOptions = {}) {
    this.limits = { ...DEFAULT_TASK_LOG_LIMITS, ...options.limits };
    this.clock = options.clock ?? systemClock;
    this.redact = redactor(options.secrets ?? []);
  }

  stdout(line: string): void {
    this.write("stdout", line);
  }

  stderr(line: string): void {
    this.write("stderr", line);
  }

  info(message: string): void {
    this.write("info", message);
  }

  /** Lines that did not fit. */
  get dropped(): number {
    return this.droppedLines;
  }

  /** The kept lines in order, then, if any were dropped, an `info` line saying how many. */
  entries(): LogEntry[] {
    const entries = [...this.kept];
    if (this.droppedLines > 0) {
      const { maxLines, maxBytes } = this.limits;
      const line = `… ${this.droppedLines} ${this.droppedLines === 1 ? "line" : "lines"} dropped (a task log keeps at most ${maxLines} lines and ${maxBytes} bytes)`;
      entries.push({ ts: this.lastDropTs, stream: "info", line });
    }
    return entries;
  }

  /** Redacts, splits into lines, cuts and keeps or drops `text`. */
  private write(stream: LogStream, text: string): void {
    const ts = this.clock.now();
    for (const raw of this.redact(text).split("\n")) {
      const line = this.cut(raw.endsWith("\r") ? raw.slice(0, -1) : raw);
      const size = Buffer.byteLength(line);
      if (this.droppedLines > 0 || this.kept.length >= this.limits.maxLines || this.bytes + size > this.limits.maxBytes) {
        // Once a line is dropped, every later one is too, so the kept log has no holes.
        this.droppedLines++;
        this.lastDropTs = ts;
        continue;
      }
      this.bytes += size;
      this.kept.push({ ts, stream, line });
    }
  }

  private cut(line: string): string {
    const bytes = Buffer.from(line);
    if (bytes.byteLength <= this.limits.maxLineBytes) return line;
    const kept = utf8Prefix(bytes, this.limits.maxLineBytes);
    return `${Buffer.from(kept).toString("utf8")} … [${bytes.byteLength - kept.byteLength} more bytes cut]`;
  }
}
