// What the API's packs and actions routes are given: the pack catalog, the actions (to show
// one with its schema, timeout and pack) and the ad hoc runner, in one object so the server
// context gains one field.
import type { AnyActionDefinition } from "../actions/registry.js";
import type { ActionLookup } from "../functions/index.js";
import type { PackCatalog } from "./pack-catalog.js";
import type { ActionRunner } from "./run-action.js";

/** One action as shown by `GET /api/v1/actions/:ref`. */
export interface ActionView {
  ref: string;
  pack: string;
  description: string;
  inputSchema: AnyActionDefinition["inputSchema"];
  timeoutMs: number;
  secrets: string[];
}

/** Packs and actions, as the API serves them. */
export class PackService {
  constructor(
    readonly catalog: PackCatalog,
    private readonly actions: ActionLookup,
    readonly runner: ActionRunner,
  ) {}

  /** The action `ref` with its pack, or undefined. */
  action(ref: string): ActionView | undefined {
    const action = this.actions.get(ref);
    if (action === undefined) return undefined;
    return { ref, pack: this.catalog.packOf(ref), description: action.description, inputSchema: action.inputSchema, timeoutMs: action.timeoutMs, secrets: [...(action.secrets ?? [])] };
  }
}
