// Helpers for the channel tests: channels declared in YAML (through the real loader), an
// in-memory secret resolver that counts its lookups, a sample alarm, and the notification
// records of a channel.
import type { ChannelSpec } from "../../src/config/types.js";
import type { JsonObject } from "../../src/core/json.js";
import { SecretNotSetError } from "../../src/core/secrets.js";
import type { SecretResolver } from "../../src/core/secrets.js";
import type { Store } from "../../src/store/open-store.js";
import { configFrom } from "../rules/support.js";

/** The channel `name` declared by `yaml` (one Channel document). */
export async function channelFrom(yaml: string): Promise<ChannelSpec> {
  const config = await configFrom(yaml);
  const [channel] = config.channels.values();
  if (!channel) throw new Error("no channel in the YAML");
  return channel;
}

/** Secrets held in memory, as the secret store would give them; `lookups` counts resolve calls. */
export function memorySecrets(values: Record<string, string>): SecretResolver & { lookups: string[][] } {
  const lookups: string[][] = [];
  return {
    lookups,
    resolve: async (names) => {
      lookups.push([...names]);
      const missing = names.filter((n) => !(n in values));
      if (missing.length > 0) throw new SecretNotSetError(missing);
      return Object.fromEntries(names.map((n) => [n, values[n] ?? ""]));
    },
  };
}

/** A Tencent Cloud "ping unreachable" alarm as a CloudEvent. */
export const ALARM: JsonObject = {
  specversion: "1.0",
  id: "alarm-1",
  source: "cvm.cloud.tencent",
  type: "cvm:ErrorEvent:PingUnreachable",
  subject: "ins-1",
  time: "2026-01-01T00:00:00.000Z",
  region: "ap-guangzhou",
  data: { instanceId: "ins-1", load: 97, tags: ["a"] },
};

/** The alarm as a rule's notify target sees it. */
export const ALARM_SUBJECT = { rule: { name: "cvm-ping", labels: { team: "sre" } }, event: ALARM };

/** The default alert message's lines as markdown fields, for exact payload checks. */
export const ALARM_FIELDS_MARKDOWN = [
  "**Source:** cvm.cloud.tencent",
  "**Type:** cvm:ErrorEvent:PingUnreachable",
  "**Subject:** ins-1",
  "**Time:** 2026-01-01T00:00:00.000Z",
  "**Region:** ap-guangzhou",
  "**instanceId:** ins-1",
  "**load:** 97",
  "**Rule:** cvm-ping",
].join("\n");

/** Records of `channel` in `notifications`, oldest first. */
export async function notificationsOf(store: Store, channel: string) {
  return store.db.selectFrom("notifications").selectAll().where("channel", "=", channel).orderBy("id").execute();
}

/** A signal that never aborts. */
export const NEVER: AbortSignal = new AbortController().signal;
