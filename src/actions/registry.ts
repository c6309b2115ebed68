// The actions a workflow task may name, by ref (`pack.name`). The engine asks it for an
// action's definition and checks a task's rendered input with it before the run; the config
// loader asks it (through a small structural catalog: `has`, `requiredInputs`, `refs`) whether
// a task's `action` exists and which inputs it must give. Packs register their actions once at
// start-up; the registry never changes while workflows run.
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import { InputSchemas } from "./input-validator.js";
import type { InputValidator } from "./input-validator.js";
import type { ActionDefinition } from "./types.js";

/** An action of any input type, as the registry holds it. */
export type AnyActionDefinition = ActionDefinition<JsonValue>;

/** `pack.name`: a lower-case pack, then one or more dot-separated name segments. */
const REF = /^[a-z][a-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)+$/;

interface Entry {
  definition: AnyActionDefinition;
  validate: InputValidator;
  required: readonly string[];
}

/** Registered actions by ref, each with its input schema compiled. */
export class ActionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly schemas = new InputSchemas();

  /**
   * Adds actions. Throws a ValidationError for a malformed ref, a timeout that is not a
   * non-negative number, or a schema that does not compile, and a ConflictError for a ref
   * already registered.
   */
  register(...definitions: readonly AnyActionDefinition[]): this {
    for (const definition of definitions) {
      const { ref } = definition;
      if (!REF.test(ref)) throw new ValidationError(`action ref '${ref}' is not of the form pack.name (e.g. core.echo)`, undefined, "invalid_action_ref");
      if (this.entries.has(ref)) throw new ConflictError(`action '${ref}' is already registered; each ref names one action`);
      if (!Number.isFinite(definition.timeoutMs) || definition.timeoutMs < 0) {
        throw new ValidationError(`action '${ref}': timeoutMs must be a non-negative number of milliseconds, not ${definition.timeoutMs}`, undefined, "invalid_action_timeout");
      }
      const validate = this.schemas.compile(ref, definition.inputSchema);
      this.entries.set(ref, { definition, validate, required: requiredOf(definition) });
    }
    return this;
  }

  /** The action registered as `ref`, or undefined. */
  get(ref: string): AnyActionDefinition | undefined {
    return this.entries.get(ref)?.definition;
  }

  /** True when an action is registered as `ref`. */
  has(ref: string): boolean {
    return this.entries.has(ref);
  }

  /** Every registered action, by ref. */
  list(): readonly AnyActionDefinition[] {
    return this.refs().map((ref) => this.entries.get(ref)?.definition).filter((d) => d !== undefined);
  }

  /** Every registered ref, sorted. */
  refs(): readonly string[] {
    return [...this.entries.keys()].sort();
  }

  /** The input fields `ref` requires (its schema's top-level `required`), or undefined for an unknown ref. */
  requiredInputs(ref: string): readonly string[] | undefined {
    return this.entries.get(ref)?.required;
  }

  /**
   * Checks `input` against `ref`'s input schema. Throws a ValidationError naming the JSON
   * pointer and the failed keyword (`core.shell input /argv/1: must be string (type)`), or a
   * NotFoundError for an unknown ref.
   */
  validateInput(ref: string, input: JsonValue): void {
    const entry = this.entries.get(ref);
    if (!entry) throw new NotFoundError("action", ref, `registered actions: ${this.refs().join(", ") || "none"}`);
    entry.validate(input);
  }
}

function requiredOf(definition: AnyActionDefinition): readonly string[] {
  const required = definition.inputSchema["required"];
  if (!Array.isArray(required)) return Object.freeze([]);
  return Object.freeze(required.filter((name) => typeof name === "string"));
}
