// Replays: feed the stored events of a bus and time window through the rules again. A replay
// is a record plus a durable job that walks the window in chunks by sequence number, saving
// its position after each chunk, so a restart resumes where it stopped. Replays never store
// an event again; what they produce is marked with the replay's id.
import type { Clock } from "../core/clock.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import type { StoredEvent } from "../core/event.js";
import { newId } from "../core/ids.js";
import { formatOptionalRfc3339, formatRfc3339 } from "../core/rfc3339.js";
import type { JsonObject } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { compilePattern } from "../patterns/index.js";
import { enqueue } from "../queue/enqueue.js";
import type { Job } from "../queue/types.js";
import { countEvents, scanEvents } from "../store/event-repository.js";
import type { Store } from "../store/open-store.js";
import { getReplay, insertReplay, listReplays, updateReplay } from "../store/replay-repository.js";
import type { ReplayRow } from "../store/replay-repository.js";

/** Job kind that runs a replay. */
export const REPLAY_JOB = "events.replay";

/** What a replay feeds events into (the rule engine); returns how many matched a rule. */
export interface ReplayTarget {
  replay(events: readonly StoredEvent[], replay: { id: string }): Promise<number>;
}

/** A replay as the API shows it. */
export interface ReplayView {
  id: string;
  bus: string;
  from: string;
  to: string;
  pattern: JsonObject | null;
  status: "queued" | "running" | "succeeded" | "failed";
  total: number;
  processed: number;
  /** Events that matched the pattern and were fed through the rules. */
  selected: number;
  matched: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const CHUNK = 500;

export class ReplayService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly knownBus: (name: string) => boolean,
    private readonly target: ReplayTarget | null,
  ) {}

  /** Records a replay and queues the job that runs it. */
  async create(input: { bus: string; fromMs: number; toMs: number; pattern?: unknown }): Promise<ReplayView> {
    if (!this.knownBus(input.bus)) throw new NotFoundError("bus", input.bus);
    if (!(input.fromMs < input.toMs)) throw new ValidationError("'from' must be before 'to'", { pointer: "/from" });
    if (input.pattern !== undefined) compilePattern(input.pattern); // a bad pattern is refused now, with its pointer
    const now = this.clock.now();
    const row: ReplayRow = {
      id: newId(now),
      bus: input.bus,
      from_ms: input.fromMs,
      to_ms: input.toMs,
      pattern: input.pattern === undefined ? null : JSON.stringify(input.pattern),
      status: "queued",
      total: 0,
      processed: 0,
      selected: 0,
      matched: 0,
      last_seq: 0,
      error: null,
      created_ms: now,
      started_ms: null,
      finished_ms: null,
    };
    await this.store.db.transaction().execute(async (trx) => {
      await insertReplay(trx, row);
      await enqueue(trx, this.clock, { kind: REPLAY_JOB, payload: { replayId: row.id }, idempotencyKey: `replay:${row.id}`, maxAttempts: 10 });
    });
    return toView(row);
  }

  async get(id: string): Promise<ReplayView> {
    const row = await getReplay(this.store.db, id);
    if (!row) throw new NotFoundError("replay", id);
    return toView(row);
  }

  async list(limit = 50): Promise<ReplayView[]> {
    return (await listReplays(this.store.db, limit)).map(toView);
  }

  /** The job handler: runs (or resumes) one replay to the end of its window. */
  readonly run = async (job: Job): Promise<{ processed: number }> => {
    const replayId = isJsonObject(job.payload) && typeof job.payload.replayId === "string" ? job.payload.replayId : "";
    const row = await getReplay(this.store.db, replayId);
    if (!row) throw new NotFoundError("replay", replayId);
    const window = { bus: row.bus, fromMs: Number(row.from_ms), toMs: Number(row.to_ms) };
    const pattern = row.pattern === null ? null : (JSON.parse(row.pattern) as JsonObject);
    const filter = pattern === null ? null : compilePattern(pattern);
    let { processed, selected, matched } = row;
    let lastSeq = Number(row.last_seq);
    if (row.status === "succeeded") return { processed };
    if (row.status === "queued") {
      const total = await countEvents(this.store.db, window);
      await updateReplay(this.store.db, row.id, { status: "running", total, started_ms: this.clock.now() });
    } else if (row.status === "failed") {
      await updateReplay(this.store.db, row.id, { status: "running", error: null });
    }
    try {
      for (;;) {
        const events = await scanEvents(this.store.db, { ...window, afterSeq: lastSeq }, CHUNK);
        if (events.length === 0) break;
        const chosen = filter === null ? events : events.filter((e) => filter.matches(e.event));
        matched += this.target && chosen.length > 0 ? await this.target.replay(chosen, { id: row.id }) : 0;
        processed += events.length;
        selected += chosen.length;
        lastSeq = events[events.length - 1]?.seq ?? lastSeq;
        await updateReplay(this.store.db, row.id, { processed, selected, matched, last_seq: lastSeq });
      }
      await updateReplay(this.store.db, row.id, { status: "succeeded", finished_ms: this.clock.now() });
    } catch (err) {
      await updateReplay(this.store.db, row.id, { status: "failed", error: err instanceof Error ? err.message : String(err), finished_ms: this.clock.now() });
      throw err;
    }
    return { processed };
  };
}

function toView(row: ReplayRow): ReplayView {
  return {
    id: row.id,
    bus: row.bus,
    from: formatRfc3339(Number(row.from_ms)),
    to: formatRfc3339(Number(row.to_ms)),
    pattern: row.pattern === null ? null : (JSON.parse(row.pattern) as JsonObject),
    status: row.status as ReplayView["status"],
    total: Number(row.total),
    processed: Number(row.processed),
    selected: Number(row.selected),
    matched: Number(row.matched),
    error: row.error,
    createdAt: formatRfc3339(Number(row.created_ms)),
    startedAt: formatOptionalRfc3339(row.started_ms),
    finishedAt: formatOptionalRfc3339(row.finished_ms),
  };
}
