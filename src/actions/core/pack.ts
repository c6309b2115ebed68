// The `core` pack: the actions every Reflex has, whatever else is installed — noop, echo,
// sleep, fail, http, shell and approve — and a registry holding them, which is what a process
// that runs workflows starts from before adding other packs.
import { ActionRegistry } from "../registry.js";
import type { AnyActionDefinition } from "../registry.js";
import { approveAction } from "./approve.js";
import { echoAction } from "./echo.js";
import { failAction } from "./fail.js";
import { httpAction } from "./http.js";
import { noopAction } from "./noop.js";
import { createShellAction } from "./shell.js";
import type { ShellOptions } from "./shell.js";
import { sleepAction } from "./sleep.js";

/** How the core pack is set up (only `core.shell` has settings). */
export type CorePackOptions = ShellOptions;

/** The actions of the `core` pack. */
export function coreActions(options: CorePackOptions = {}): AnyActionDefinition[] {
  return [noopAction, echoAction, sleepAction, failAction, httpAction, createShellAction(options), approveAction];
}

/** A registry holding the `core` pack. */
export function createCoreRegistry(options: CorePackOptions = {}): ActionRegistry {
  return new ActionRegistry().register(...coreActions(options));
}
