// Which broker a URL points at, by its scheme. A broker Source states its type and its URL must
// agree with it; a rule's `queue` target written with a `url:` has no type, so the scheme says
// which broker (and so which destination fields) it means.
import type { BrokerType } from "../types.js";

/** The URL schemes each broker's client accepts. */
export const BROKER_SCHEMES: Readonly<Record<BrokerType, readonly string[]>> = Object.freeze({
  nats: ["nats", "tls"],
  amqp: ["amqp", "amqps"],
  mqtt: ["mqtt", "mqtts", "ws", "wss"],
  redis: ["redis", "rediss"],
});

/** The broker a URL's scheme names, or undefined for a URL no broker client takes. */
export function brokerOfUrl(url: string): BrokerType | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return undefined;
  return (Object.keys(BROKER_SCHEMES) as BrokerType[]).find((broker) => BROKER_SCHEMES[broker].includes(scheme));
}

/** Why `url` is not a URL for `broker`, or undefined when it is. */
export function brokerUrlProblem(url: string, broker: BrokerType): string | undefined {
  const schemes = BROKER_SCHEMES[broker].map((s) => `${s}://`).join(" or ");
  const shown = withoutCredentials(url);
  try {
    new URL(url);
  } catch {
    return `'${shown}' is not an absolute URL; write it in full, e.g. ${BROKER_SCHEMES[broker][0]}://127.0.0.1`;
  }
  const found = brokerOfUrl(url);
  if (found === broker) return undefined;
  return `a ${broker} connection needs a ${schemes} URL, not '${shown}'${found === undefined ? "" : ` (that URL is for ${found})`}`;
}

/** The URL with any `user:password@` left out, for messages and logs. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1");
}
