// How every node learns about rules written through the API: a cheap poll of one number (the
// `rules.version` that each write bumps in its transaction). When it moved, the node reads the
// names and spec hashes of the API rules, loads only the specs whose hash it does not have,
// and hands the complete set to the registry, which recompiles only what changed. The node
// that made a write refreshes at once; the others within one poll interval. No consensus is
// needed: the database orders the writes.
import type { RuleSpec } from "../config/types.js";
import type { Kysely } from "kysely";
import { getRules, listRuleHashes, readRulesVersion } from "../store/rule-repository.js";
import type { Database } from "../store/schema.js";
import type { ApiRule, RuleRegistry } from "./rule-registry.js";

/** How often nodes look for API rule changes by default. */
export const DEFAULT_RULES_POLL_MS = 2_000;

export class ApiRuleSync {
  private version = -1;
  private rules = new Map<string, ApiRule>();
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: RuleRegistry,
    private readonly onError: (err: unknown) => void,
    private readonly pollMs = DEFAULT_RULES_POLL_MS,
  ) {}

  /** Loads the API rules now, then keeps polling until `stop()`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(this.onError), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reloads what changed since the last look; calls never overlap. */
  refresh(): Promise<void> {
    const next = this.running.then(
      () => this.load(),
      () => this.load(),
    );
    this.running = next;
    return next;
  }

  private async load(): Promise<void> {
    const version = await readRulesVersion(this.db);
    if (version === this.version) return;
    const hashes = await listRuleHashes(this.db);
    const changed = hashes.filter((h) => this.rules.get(h.name)?.hash !== h.specHash).map((h) => h.name);
    const next = new Map<string, ApiRule>();
    for (const { name, specHash } of hashes) {
      const known = this.rules.get(name);
      if (known && known.hash === specHash) next.set(name, known);
    }
    for (const row of await getRules(this.db, changed)) {
      next.set(row.name, { spec: JSON.parse(row.spec) as RuleSpec, hash: row.spec_hash });
    }
    this.rules = next;
    this.version = version;
    this.registry.applyApiRules(next);
  }
}
