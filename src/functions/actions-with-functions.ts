// The actions a node offers: its registered packs, then the declared Functions as
// `function.<name>`. One object with the lookups the workflow engine (`get`, `validateInput`),
// the config loader (`has`, `requiredInputs`, `refs`) and the actions API (`list`) use, so the
// composition root hands the same thing to all three.
import type { ActionRegistry, AnyActionDefinition } from "../actions/registry.js";
import type { JsonValue } from "../core/json.js";
import type { FunctionActions } from "./function-actions.js";

/** The lookups of an ActionRegistry, over registered actions and declared Functions. */
export interface ActionLookup {
  get(ref: string): AnyActionDefinition | undefined;
  has(ref: string): boolean;
  list(): readonly AnyActionDefinition[];
  refs(): readonly string[];
  requiredInputs(ref: string): readonly string[] | undefined;
  validateInput(ref: string, input: JsonValue): void;
}

/** `registry`'s actions, then `functions`' (a registry ref wins; `function.` refs are never registered). */
export function actionsWithFunctions(registry: ActionRegistry, functions: FunctionActions): ActionLookup {
  return {
    get: (ref) => registry.get(ref) ?? functions.get(ref),
    has: (ref) => registry.has(ref) || functions.has(ref),
    list: () => [...registry.list(), ...functions.list()],
    refs: () => [...registry.refs(), ...functions.refs()],
    requiredInputs: (ref) => registry.requiredInputs(ref) ?? functions.requiredInputs(ref),
    validateInput: (ref, input) => (registry.has(ref) ? registry.validateInput(ref, input) : functions.validateInput(ref, input)),
  };
}
