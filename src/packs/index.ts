// Public API of `packs/`: installed packs (a folder with `pack.yaml`, `actions/`, `workflows/`,
// `rules/`, `channels/`) and the built-in ones described alike, how a node sets them up
// (`setUpPacks`, then `loadConfigWithPacks`), the catalog the API lists, and ad hoc action runs.
export { setUpPacks, loadConfigWithPacks } from "./set-up-packs.js";
export type { PackSetup, SetUpPacksOptions } from "./set-up-packs.js";
export { loadPacks, PACK_CONFIG_FOLDERS } from "./load-packs.js";
export type { InstalledPack, LoadPacksOptions, PacksLoadResult } from "./load-packs.js";
export { BUILTIN_PACKS, RESERVED_PACK_NAMES } from "./builtin-packs.js";
export type { BuiltinPack } from "./builtin-packs.js";
export { PackCatalog } from "./pack-catalog.js";
export type { PackCatalogDeps, PackView } from "./pack-catalog.js";
export { ActionRunner, ACTION_RUN_AUDIT, MAX_AD_HOC_RUN_MS } from "./run-action.js";
export type { ActionRunView, ActionRunnerDeps } from "./run-action.js";
export { PackService } from "./pack-service.js";
export type { ActionView } from "./pack-service.js";
