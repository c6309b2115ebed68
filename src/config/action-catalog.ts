// What config checking needs to know about actions, without importing them: `config/` may not
// depend on `actions/` (see the module table in ARCHITECTURE.md), so whoever loads the config
// (the app, `reflex validate`) passes a catalog built from the action registry. Without one, a
// workflow's action refs are only checked for their shape (`pack.name`).

/** The actions a workflow task may run, as config checking sees them. */
export interface ActionCatalog {
  /** True when `ref` (`pack.name`) is a known action. */
  has(ref: string): boolean;
  /** Input parameters the action requires (its schema's `required`), or undefined for an unknown ref. */
  requiredInputs(ref: string): readonly string[] | undefined;
  /** Every known ref, offered in messages ("did you mean …?"). */
  refs(): readonly string[];
}
