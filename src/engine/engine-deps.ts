// What the engine needs from the rest of Reflex, passed in by the composition root.
import type { ActionDefinition } from "../actions/types.js";
import type { WorkflowSpec } from "../config/workflow-types.js";
import type { Clock } from "../core/clock.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import type { SecretResolver } from "../core/secrets.js";
import type { JobLogger } from "../queue/job-handler.js";
import type { Store } from "../store/open-store.js";

/** The actions the engine can run. */
export interface EngineActions {
  get(ref: string): ActionDefinition<JsonValue> | undefined;
  /** Throws a ValidationError naming the pointer when `input` does not fit the action's schema. */
  validateInput(ref: string, input: JsonValue): void;
}

/** An event the engine reports (e.g. `reflex.workflow.circuit_open`), ingested on the default bus. */
export interface EngineEvent {
  type: string;
  subject: string;
  data: JsonObject;
}

/** Told what the engine did (metrics). */
export interface EngineObserver {
  executionEnded(workflow: string, status: string): void;
  actionRan(action: string, status: string, seconds: number): void;
}

export interface EngineDeps {
  store: Store;
  clock: Clock;
  actions: EngineActions;
  /** The workflow declared under `name` now, if any. */
  workflow(name: string): WorkflowSpec | undefined;
  /** Told after a commit that enqueued engine jobs (wakes the local worker). */
  wake(): void;
  /** Reports an engine event; failures are logged, never thrown into the engine. */
  emit(event: EngineEvent): Promise<void>;
  logger: JobLogger;
  observer?: EngineObserver;
  /** Where `{{ secrets.NAME }}` and actions' own secrets are looked up; none by default. */
  secrets?: SecretResolver;
}
