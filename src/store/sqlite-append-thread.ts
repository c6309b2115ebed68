// The main thread's side of the SQLite writer thread: starts it on first use (or when warmed
// ahead of it), sends it groups of events and settles each caller when the thread reports its
// COMMIT (or its failure). A thread that dies rejects what it had been sent, with a message
// saying what to do, and the next append starts a fresh one. An idle thread does not keep the
// process alive.
import { Worker } from "node:worker_threads";
import { ReflexError } from "../core/errors.js";
import type { AppendRow } from "./event-repository.js";
import type { AppendRequest, AppendWorkerData } from "./sqlite-append-protocol.js";
import { isAppendReply } from "./sqlite-append-protocol.js";

interface Waiting {
  count: number;
  resolve: (seqs: (number | null)[]) => void;
  reject: (err: unknown) => void;
}

/** One running writer thread and what it has been sent but not yet answered. */
interface Thread {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** Why it failed, when it reported an error before exiting. */
  failure: Error | null;
  exited: Promise<void>;
}

/** Raised when a group of events could not be committed; nothing of that group is stored. */
export class AppendFailedError extends ReflexError {
  constructor(count: number, reason: string) {
    super("event_append_failed", `storing ${count} event(s) failed, none of them were stored: ${reason}`);
  }
}

/** Raised when the writer thread stopped before confirming a group. */
export class WriterThreadStoppedError extends ReflexError {
  constructor(count: number, reason: string) {
    super(
      "event_writer_stopped",
      `the SQLite writer thread stopped (${reason}) before confirming ${count} event(s); they may or may not be stored, ` +
        "and sending them again is safe (duplicates are recognised by bus, source and id)",
      { status: 503 },
    );
  }
}

/** Commits groups of events on a worker thread with its own connection to `file`. */
export class SqliteAppendThread {
  private thread: Thread | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextId = 1;
  private closed = false;

  /** `file` is the SQLite database, already migrated. */
  constructor(private readonly file: string) {}

  /** Commits `rows` in one transaction; resolves after COMMIT with each row's seq, or null for a duplicate. */
  append(rows: readonly AppendRow[]): Promise<(number | null)[]> {
    if (this.closed) return Promise.reject(new ReflexError("store_closed", "the store is closed; events can no longer be stored"));
    if (rows.length === 0) return Promise.resolve([]);
    const thread = this.thread ?? this.start();
    const id = this.nextId++;
    const done = new Promise<(number | null)[]>((resolve, reject) => {
      thread.waiting.set(id, { count: rows.length, resolve, reject });
      if (thread.waiting.size === 1) thread.worker.ref();
      thread.worker.postMessage({ id, rows } satisfies AppendRequest);
    });
    this.inFlight.add(done);
    const forget = () => this.inFlight.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Whether a writer thread is running (started, and not yet exited). */
  get running(): boolean {
    return this.thread !== null;
  }

  /**
   * Starts the thread now if it is not running, so that the first append does not wait for it
   * to load (from the sources under tsx that takes seconds on a busy machine). It stays idle,
   * not keeping the process alive, until then.
   */
  warm(): void {
    if (!this.closed && this.thread === null) this.start();
  }

  /** Waits for every group sent so far to be answered, then ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.kill();
  }

  /**
   * Ends the thread at once, as a crash would: groups it has not answered are rejected with
   * {@link WriterThreadStoppedError}; the next append starts a new thread. Used by `close` and
   * by tests of the crash path.
   */
  async kill(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    await thread.worker.terminate();
    await thread.exited;
  }

  private start(): Thread {
    const workerData: AppendWorkerData = { file: this.file };
    const worker = RUNNING_FROM_SOURCES ? new Worker(sourceBootstrap(), { eval: true, workerData }) : new Worker(new URL("./sqlite-append-worker.js", import.meta.url), { workerData });
    worker.unref();
    let exited!: () => void;
    const thread: Thread = { worker, waiting: new Map(), failure: null, exited: new Promise((resolve) => (exited = resolve)) };
    worker.on("message", (message: unknown) => {
      if (!isAppendReply(message)) return;
      const waiting = thread.waiting.get(message.id);
      if (!waiting) return;
      thread.waiting.delete(message.id);
      if (thread.waiting.size === 0) worker.unref();
      if ("seqs" in message) waiting.resolve(message.seqs);
      else waiting.reject(new AppendFailedError(waiting.count, message.error));
    });
    worker.on("error", (err) => (thread.failure = err));
    worker.on("exit", (code) => {
      if (this.thread === thread) this.thread = null;
      const reason = thread.failure ? `error: ${thread.failure.message}` : `exit code ${code}`;
      for (const waiting of thread.waiting.values()) waiting.reject(new WriterThreadStoppedError(waiting.count, reason));
      thread.waiting.clear();
      exited();
    });
    this.thread = thread;
    return thread;
  }
}

/** True when this module runs from its TypeScript source (tests, tsx) rather than from `dist/`. */
const RUNNING_FROM_SOURCES = import.meta.url.endsWith(".ts");

/**
 * From the sources, the worker's `.ts` entry is loaded through tsx (a devDependency). On Node 20
 * `--import tsx` in a worker's execArgv does not apply to the worker's own entry module, so a
 * small bootstrap imports it with tsx's `tsImport` instead.
 */
function sourceBootstrap(): string {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./sqlite-append-worker.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}));`;
}
