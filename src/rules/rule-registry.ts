// The rules in force on this node, compiled: one RuleIndex per bus (enabled rules only) and,
// per rule, its compiled templates. Rules come from two places — the config files (swapped
// whole on reload) and the API (the `rules` table, polled by ApiRuleSync) — and the registry
// keeps their union. Updates are incremental: a rule whose spec hash is unchanged is left as
// it is, a changed one is compiled again and re-added to its bus's index, a vanished one is
// removed; nothing is rebuilt wholesale, so matching goes on undisturbed during a reload.
//
// A config-file rule and an API rule may not share a name; the API refuses such writes, and
// if a config reload brings a file rule whose name an API rule has, the file rule wins and the
// API rule is set aside with a warning.
import type { DocumentOrigin, ReflexConfig, RuleSpec } from "../config/types.js";
import { RuleIndex } from "../patterns/index.js";
import { compileRule, ruleSpecHash } from "./compiled-rule.js";
import type { CompiledRule, RuleOrigin } from "./compiled-rule.js";

/** An API rule as the store holds it. */
export interface ApiRule {
  spec: RuleSpec;
  hash: string;
}

interface Wanted {
  spec: RuleSpec;
  hash: string;
  origin: RuleOrigin;
}

/** What a file rule's origin is when the loader did not record one. */
const UNKNOWN_FILE: DocumentOrigin = { file: "(config directory)", line: 0, col: 0 };

export class RuleRegistry {
  private readonly compiled = new Map<string, CompiledRule>();
  private readonly indexes = new Map<string, RuleIndex>();
  private fileRules = new Map<string, Wanted>();
  private apiRules: ReadonlyMap<string, ApiRule> = new Map();
  private readonly shadowed = new Set<string>();

  /** `warn` hears about rules set aside (a name clash, a rule that does not compile). */
  constructor(private readonly warn: (message: string) => void = () => undefined) {}

  /** Takes the rules of a (new) configuration; API rules stay. */
  applyConfig(config: Pick<ReflexConfig, "rules" | "origins">): void {
    const next = new Map<string, Wanted>();
    for (const [name, spec] of config.rules) {
      const previous = this.fileRules.get(name);
      // Reloads hand over new objects; hash only what is not the very same spec again.
      const hash = previous?.spec === spec ? previous.hash : ruleSpecHash(spec);
      next.set(name, { spec, hash, origin: config.origins.get(`Rule/${name}`) ?? UNKNOWN_FILE });
    }
    this.fileRules = next;
    this.reconcile();
  }

  /** Takes the complete set of API rules. */
  applyApiRules(rules: ReadonlyMap<string, ApiRule>): void {
    this.apiRules = rules;
    this.reconcile();
  }

  /** Names of the enabled rules of `bus` that match `event`, in the order they were added. */
  match(bus: string, event: unknown): string[] {
    return this.indexes.get(bus)?.match(event) ?? [];
  }

  /** The rule in force with this name (enabled or not). */
  get(name: string): CompiledRule | undefined {
    return this.compiled.get(name);
  }

  /** Every rule in force, by name. */
  list(): CompiledRule[] {
    return [...this.compiled.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
  }

  /** Where the config files define `name`, or undefined when they do not. */
  fileOrigin(name: string): DocumentOrigin | undefined {
    const origin = this.fileRules.get(name)?.origin;
    return origin === undefined || origin === "api" ? undefined : origin;
  }

  /** Brings the compiled rules and indexes in line with file rules ∪ API rules, touching only what changed. */
  private reconcile(): void {
    const wanted = new Map(this.fileRules);
    for (const [name, rule] of this.apiRules) {
      if (wanted.has(name)) {
        if (!this.shadowed.has(name)) this.warn(`API rule '${name}' is set aside: a config file now defines a rule with the same name (${describe(wanted.get(name)?.origin)})`);
        this.shadowed.add(name);
        continue;
      }
      this.shadowed.delete(name);
      wanted.set(name, { ...rule, origin: "api" });
    }
    for (const name of [...this.compiled.keys()]) if (!wanted.has(name)) this.drop(name);
    for (const [name, want] of wanted) this.put(name, want);
  }

  private put(name: string, want: Wanted): void {
    const have = this.compiled.get(name);
    if (have && have.hash === want.hash) {
      if (have.origin !== want.origin) this.compiled.set(name, { ...have, origin: want.origin });
      return;
    }
    this.drop(name);
    try {
      const next = compileRule(want.spec, want.origin, want.hash);
      if (next.spec.enabled) this.indexFor(next.spec.bus).add(name, next.spec.pattern, { dialect: next.spec.patternDialect });
      this.compiled.set(name, next);
    } catch (err) {
      this.warn(`rule '${name}' (${describe(want.origin)}) is not in force: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private drop(name: string): void {
    const have = this.compiled.get(name);
    if (!have) return;
    this.compiled.delete(name);
    const index = this.indexes.get(have.spec.bus);
    index?.remove(name);
    if (index?.size === 0) this.indexes.delete(have.spec.bus);
  }

  private indexFor(bus: string): RuleIndex {
    let index = this.indexes.get(bus);
    if (!index) {
      index = new RuleIndex();
      this.indexes.set(bus, index);
    }
    return index;
  }
}

function describe(origin: RuleOrigin | undefined): string {
  if (origin === undefined || origin === "api") return "API";
  return `${origin.file}:${origin.line}:${origin.col}`;
}
