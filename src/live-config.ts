// The configuration in force, with everything derived from it (compiled event-type schemas,
// source adapters, resolved source secrets), swapped whole on reload so that a request sees
// either the old configuration or the new one, never a mix. Listeners (the rule registry)
// hear of each configuration put in force, in the same synchronous step.
import type { ReflexConfig } from "./config/types.js";
import { EventTypeRegistry } from "./events/event-types.js";
import type { IngestConfig } from "./events/ingest-service.js";
import { buildSourceRuntimes } from "./events/source-runtime.js";
import type { SourceRuntime } from "./events/source-runtime.js";

interface Derived {
  config: ReflexConfig;
  ingest: IngestConfig;
  sources: Map<string, SourceRuntime>;
}

export class LiveConfig {
  private current: Derived;

  /**
   * Builds the first state; throws when event-type schemas do not compile. `onApply` hears of
   * the first configuration and of every one applied later.
   */
  constructor(
    config: ReflexConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly warn: (message: string) => void,
    private readonly onApply: (config: ReflexConfig) => void = () => undefined,
  ) {
    this.current = this.derive(config);
    this.onApply(config);
  }

  /** Swaps in a new configuration (already validated by the loader). */
  apply(config: ReflexConfig): void {
    this.current = this.derive(config);
    this.onApply(config);
  }

  config(): ReflexConfig {
    return this.current.config;
  }

  ingest(): IngestConfig {
    return this.current.ingest;
  }

  sources(): ReadonlyMap<string, SourceRuntime> {
    return this.current.sources;
  }

  private derive(config: ReflexConfig): Derived {
    const { runtimes, problems } = buildSourceRuntimes(config.sources, this.env);
    for (const p of problems) this.warn(p);
    return {
      config,
      ingest: { buses: config.buses, eventTypes: new EventTypeRegistry([...config.eventTypes]) },
      sources: runtimes,
    };
  }
}
