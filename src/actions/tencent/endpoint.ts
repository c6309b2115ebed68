// Where the Tencent Cloud pack sends its requests. By default the SDK's own: each product's
// host over HTTPS (`cvm.tencentcloudapi.com`). An override (`REFLEX_TENCENT_ENDPOINT`, the
// pack's `endpoint`) is one base URL — the simulator, a test server, a gateway — that every
// product's requests go to, while the requests keep the product's host name in `Host` and in
// the signature, as they would reach the cloud: the SDK takes the signed service (`cvm`, `tat`)
// from that host name, so pointing the SDK itself at `127.0.0.1:9000` would sign for a service
// `127`. Like curl's `--connect-to`, an HTTP agent dials the override instead of the host.
import { Agent as HttpAgent } from "node:http";
import type { ClientRequestArgs } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { parseEndpointOverride } from "../endpoint-override.js";

/** How requests reach Tencent Cloud: the protocol the SDK uses, and the agent that connects. */
export interface TencentEndpoint {
  /** `https://` for the cloud; the override's protocol otherwise. */
  protocol: "https://" | "http://";
  /** Undefined for the cloud (the SDK's own connection); an agent dialing the override otherwise. */
  agent: HttpAgent | undefined;
}

/** The cloud itself. */
const CLOUD_ENDPOINT: TencentEndpoint = { protocol: "https://", agent: undefined };

/**
 * The endpoint for an override URL (`http://127.0.0.1:9000`), or the cloud when there is none.
 * `source` names where the URL came from, for the error of one that is not usable.
 */
export function tencentEndpoint(url: string | undefined, source: string): TencentEndpoint {
  const parsed = parseEndpointOverride(url, source, "Tencent Cloud");
  if (parsed === undefined) return CLOUD_ENDPOINT;
  const https = parsed.protocol === "https:";
  const target = { host: parsed.hostname.replace(/^\[|\]$/g, ""), port: Number(parsed.port || (https ? 443 : 80)) };
  return { protocol: https ? "https://" : "http://", agent: https ? new HttpsConnectTo(target) : new HttpConnectTo(target) };
}

interface Target {
  host: string;
  port: number;
}

/** An HTTP agent that connects every request to `target`, whatever host the request names. */
class HttpConnectTo extends HttpAgent {
  constructor(private readonly target: Target) {
    super({ keepAlive: true });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    return super.createConnection({ ...options, host: this.target.host, port: this.target.port }, callback);
  }
}

/** The same over TLS: the certificate is checked against the target's name (no SNI for an IP address). */
class HttpsConnectTo extends HttpsAgent {
  constructor(private readonly target: Target) {
    super({ keepAlive: true });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const servername = isIP(this.target.host) === 0 ? this.target.host : "";
    return super.createConnection({ ...options, host: this.target.host, port: this.target.port, servername }, callback);
  }
}
