// Rules through the API: list and read the rules in force on this node (config-file and API
// rules alike, each with its origin), and create, replace or delete API rules. A write is
// checked exactly as a `kind: Rule` document is (`validateRuleDocument`), stored with a bump of
// the rules version in one transaction, and put in force on this node at once; the other nodes
// follow at their next poll. Names defined by config files are refused (409), naming the file.
import type { ReflexConfig } from "../config/types.js";
import { validateRuleDocument } from "../config/index.js";
import type { RuleDocumentProblem } from "../config/index.js";
import type { Clock } from "../core/clock.js";
import { ConflictError, NotFoundError, ReflexError, ValidationError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import type { Store } from "../store/open-store.js";
import { bumpRulesVersion, deleteRule, upsertRule } from "../store/rule-repository.js";
import type { ApiRuleSync } from "./api-rule-sync.js";
import { backtest } from "./backtest.js";
import { ruleSpecHash } from "./compiled-rule.js";
import type { RuleRegistry } from "./rule-registry.js";
import { ruleView } from "./views.js";
import { writeTransaction } from "../store/write-transaction.js";

/** A rule body with problems; `problems` lists each with its JSON pointer. */
export class RuleInvalidError extends ValidationError {
  constructor(
    name: string,
    readonly problems: RuleDocumentProblem[],
  ) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    super(`rule '${name}' is not valid: ${first ? `${first.pointer || "/"}: ${first.message}` : "no details"}${more}`, { pointer: first?.pointer ?? "" }, "invalid_rule");
  }
}

/** What the rule service works with. */
export interface RuleServiceDeps {
  store: Store;
  clock: Clock;
  registry: RuleRegistry;
  sync: ApiRuleSync;
  config(): ReflexConfig;
}

export class RuleService {
  constructor(private readonly deps: RuleServiceDeps) {}

  /** Every rule in force on this node, by name. */
  list(): JsonObject[] {
    return this.deps.registry.list().map(ruleView);
  }

  /** One rule in force. */
  get(name: string): JsonObject {
    const rule = this.deps.registry.get(name);
    if (!rule) throw new NotFoundError("rule", name, "list the rules with GET /api/v1/rules");
    return ruleView(rule);
  }

  /** Creates or replaces the API rule `name` from a JSON body. */
  async put(name: string, body: unknown): Promise<{ created: boolean; rule: JsonObject }> {
    this.refuseFileRule(name, "changed");
    const { spec, problems } = validateRuleDocument(body, { name, config: this.deps.config() });
    if (!spec) throw new RuleInvalidError(name, problems);
    const row = { name, bus: spec.bus, spec: JSON.stringify(spec), specHash: ruleSpecHash(spec) };
    const created = await writeTransaction(this.deps.store, async (db) => {
      // The version row is locked first, so concurrent writes of rules take turns.
      await bumpRulesVersion(db);
      return upsertRule(db, row, this.deps.clock.now());
    });
    await this.deps.sync.refresh();
    const rule = this.deps.registry.get(name);
    if (!rule) throw new ReflexError("rule_not_in_force", `rule '${name}' was stored but could not be put in force; the server log says why`);
    return { created, rule: ruleView(rule) };
  }

  /** Deletes the API rule `name`. */
  async remove(name: string): Promise<void> {
    this.refuseFileRule(name, "deleted");
    await writeTransaction(this.deps.store, async (db) => {
      await bumpRulesVersion(db);
      if (!(await deleteRule(db, name))) throw new NotFoundError("API rule", name);
    });
    await this.deps.sync.refresh();
  }

  /** What `name` would have matched and sent among the stored events of a window; delivers nothing. */
  async backtest(name: string, window: { fromMs: number; toMs: number }): Promise<JsonObject> {
    const rule = this.deps.registry.get(name);
    if (!rule) throw new NotFoundError("rule", name, "list the rules with GET /api/v1/rules");
    if (!(window.fromMs < window.toMs)) throw new ValidationError("'from' must be before 'to'", { pointer: "/from" });
    return backtest(this.deps.store, rule, { ...window, now: this.deps.clock.now(), channels: this.deps.config().channels, brokerSources: this.deps.config().brokerSources });
  }

  private refuseFileRule(name: string, verb: string): void {
    const origin = this.deps.registry.fileOrigin(name);
    if (origin) {
      throw new ConflictError(
        `rule '${name}' is defined in ${origin.file}:${origin.line}:${origin.col} and can only be ${verb} there; config-file and API rules may not share a name`,
      );
    }
  }
}
