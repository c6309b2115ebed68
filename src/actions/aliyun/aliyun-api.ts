// One call to an Alibaba Cloud RPC API through `@alicloud/pop-core`, Alibaba's official small
// client, as every action of the pack makes it: credentials from the run's secrets, `RegionId`
// and the product's regional endpoint (or the pack's override), a request timeout, the run's
// abort signal, parameters sent as a signed POST form. Each call builds its client (cheap, and
// the secrets may have been rotated); connections are kept alive in the pack's own agents.
import { Agent as HttpAgent } from "node:http";
import type { RequestOptions } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import RPCClient from "@alicloud/pop-core";
import type { JsonObject, JsonValue } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { ActionError } from "../action-error.js";
import { abortedError } from "../core/aborted-error.js";
import type { ActionContext } from "../types.js";
import { aliyunError } from "./api-error.js";
import { ALIYUN_PRODUCTS, productEndpoint } from "./endpoint.js";
import type { AliyunProduct } from "./endpoint.js";

/** The names of the secrets holding the credentials. */
export interface AliyunSecretNames {
  accessKeyId: string;
  accessKeySecret: string;
}

/** How the pack's calls are made. */
export interface AliyunApiSettings {
  /** One base URL for every product, or undefined for the cloud's regional endpoints. */
  endpoint: string | undefined;
  secrets: AliyunSecretNames;
  /** Longest wait to connect, and then for the answer, in milliseconds. */
  requestTimeoutMs: number;
}

/** A request parameter; undefined ones are left out. */
export type AliyunParam = string | number | boolean | undefined;

/** Makes the pack's API calls. */
export class AliyunApi {
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  constructor(private readonly settings: AliyunApiSettings) {}

  /** The secret names an action of the pack needs. */
  get secretNames(): readonly string[] {
    return [this.settings.secrets.accessKeyId, this.settings.secrets.accessKeySecret];
  }

  /**
   * Calls `action` of `product` in `region` for the action `ref` (`RegionId` is added); resolves
   * to the API's answer (`RequestId` and the operation's fields). Rejects with an ActionError.
   */
  async call(ref: string, ctx: ActionContext, product: AliyunProduct, action: string, region: string, params: Readonly<Record<string, AliyunParam>>): Promise<JsonObject> {
    const endpoint = productEndpoint(product, region, this.settings.endpoint);
    const client = new RPCClient({ endpoint, apiVersion: ALIYUN_PRODUCTS[product].version, ...this.credentials(ref, ctx) });
    const form: Record<string, string | number | boolean> = { RegionId: region };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form[name] = value;
    const signal = ctx.signal;
    const options = {
      method: "POST",
      formatParams: false,
      timeout: this.settings.requestTimeoutMs,
      agent: endpoint.startsWith("https:") ? this.agents.https : this.agents.http,
      beforeRequest: (request: RequestOptions): RequestOptions => ({ ...request, signal }),
    };
    if (signal.aborted) throw abortedError(ref, signal);
    let response: unknown;
    try {
      response = await client.request<unknown>(action, form, options);
    } catch (err) {
      if (signal.aborted) throw abortedError(ref, signal);
      throw aliyunError(err, { ref, product, action, region, ...this.settings.secrets });
    }
    // Numbers too long for a double come back as big-number objects; JSON turns them into strings.
    const json = JSON.parse(JSON.stringify(response ?? null)) as JsonValue;
    if (!isJsonObject(json)) throw new ActionError(`${ref}: ${action} in ${region} answered something that is not a JSON object`, { code: "aliyun_bad_response" });
    return json;
  }

  private credentials(ref: string, ctx: ActionContext): { accessKeyId: string; accessKeySecret: string } {
    const { accessKeyId: idName, accessKeySecret: secretName } = this.settings.secrets;
    const accessKeyId = ctx.secrets[idName];
    const accessKeySecret = ctx.secrets[secretName];
    if (!accessKeyId || !accessKeySecret) {
      const missing = [accessKeyId ? undefined : idName, accessKeySecret ? undefined : secretName].filter((n) => n !== undefined);
      throw new ActionError(`${ref} needs the Alibaba Cloud AccessKey ID and secret in secrets ${idName} and ${secretName}; ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set (\`reflex secrets set NAME\`)`, {
        code: "aliyun_credentials_missing",
        retryable: false,
      });
    }
    return { accessKeyId, accessKeySecret };
  }
}
