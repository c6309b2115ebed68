// A channel's secret settings resolved for one send: `{{ secrets.NAME }}` placeholders filled in
// from the secret store, `{env: NAME}` read from the environment, literal text kept. This is the
// only place their values exist, and only for the send; the values are also handed back so
// that every text recorded after the send (the vendor's answer, an error) can be scrubbed of them.
import { fillPlaceholders, placeholderSecrets } from "../config/kinds/channel-secrets.js";
import type { ChannelSecret } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import { SecretNotSetError } from "../core/secrets.js";
import type { SecretResolver } from "../core/secrets.js";

/** A setting could not be resolved (a secret or an environment variable is not set). */
export class ChannelSettingError extends ReflexError {
  constructor(message: string) {
    super("channel_setting_unavailable", message, { status: 400 });
  }
}

/** Settings resolved for one send. */
export interface ResolvedSettings {
  /** Setting name → value. */
  values: Readonly<Record<string, string>>;
  /** Every value that must not be recorded: the settings' values and the secrets inside them. */
  hidden: readonly string[];
}

/**
 * Resolves `settings` of channel `channel`; rejects with a ChannelSettingError naming what is
 * missing. The values of `shown` settings are not hidden (the secrets inside them still are).
 */
export async function resolveSettings(
  channel: string,
  settings: Readonly<Record<string, ChannelSecret>>,
  shown: readonly string[],
  secrets: SecretResolver,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ResolvedSettings> {
  const names = [...new Set(Object.values(settings).flatMap(placeholderSecrets))];
  let found: Readonly<Record<string, string>> = {};
  if (names.length > 0) {
    try {
      found = await secrets.resolve(names);
    } catch (err) {
      if (err instanceof SecretNotSetError) throw new ChannelSettingError(`channel '${channel}': ${err.message}`);
      throw err;
    }
  }
  const values: Record<string, string> = {};
  for (const [setting, written] of Object.entries(settings)) {
    if (typeof written === "string") {
      values[setting] = fillPlaceholders(written, (name) => found[name] ?? "");
      continue;
    }
    const value = env[written.env];
    if (value === undefined || value === "") {
      throw new ChannelSettingError(`channel '${channel}': setting '${setting}' reads environment variable ${written.env}, which is not set on this node; set it and restart`);
    }
    values[setting] = value;
  }
  const hiddenSettings = Object.entries(values).filter(([setting]) => !shown.includes(setting));
  return { values, hidden: [...hiddenSettings.map(([, value]) => value), ...Object.values(found)] };
}
