// One call to a Tencent Cloud API 3.0 action through the official SDK, as every action of the
// pack makes it: credentials from the run's secrets, the region of the call, the pack's
// endpoint, a request timeout, and the run's abort signal. CVM goes through its per-product
// client (`tencentcloud-sdk-nodejs-cvm`); CBS and TAT through the SDK's CommonClient, which
// signs and sends any product's call the same way (their per-product packages are not on the
// registry this project installs from). Each call builds its client: clients are cheap, and
// the secrets may have been rotated since the last run.
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { cvm } from "tencentcloud-sdk-nodejs-cvm";
import type { ClientConfig } from "tencentcloud-sdk-nodejs-common";
import type { JsonObject } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { ActionError } from "../action-error.js";
import { abortedError } from "../core/aborted-error.js";
import type { ActionContext } from "../types.js";
import { tencentError } from "./api-error.js";
import type { TencentEndpoint } from "./endpoint.js";

/** The products the pack calls, with their API host and version. */
export const TENCENT_PRODUCTS = {
  cvm: { host: "cvm.tencentcloudapi.com", version: "2017-03-12" },
  cbs: { host: "cbs.tencentcloudapi.com", version: "2017-03-12" },
  tat: { host: "tat.tencentcloudapi.com", version: "2020-10-28" },
} as const;

export type TencentProduct = keyof typeof TENCENT_PRODUCTS;

/** The names of the secrets holding the credentials. */
export interface TencentSecretNames {
  secretId: string;
  secretKey: string;
}

/** How the pack's calls are made. */
export interface TencentApiSettings {
  endpoint: TencentEndpoint;
  secrets: TencentSecretNames;
  /** Longest wait for one HTTP answer, in seconds. */
  requestTimeoutSeconds: number;
}

/** Makes the pack's API calls. */
export class TencentApi {
  constructor(private readonly settings: TencentApiSettings) {}

  /** The secret names an action of the pack needs. */
  get secretNames(): readonly string[] {
    return [this.settings.secrets.secretId, this.settings.secrets.secretKey];
  }

  /**
   * Calls `action` of `product` in `region` for the action `ref`; resolves to the API's
   * `Response` object (`RequestId` and the action's fields, as the SDK returns them). Fields
   * set to undefined are left out of the request. Rejects with an ActionError.
   */
  async call(ref: string, ctx: ActionContext, product: TencentProduct, action: string, region: string, request: object): Promise<JsonObject> {
    const { host, version } = TENCENT_PRODUCTS[product];
    const config: ClientConfig = {
      credential: this.credential(ref, ctx),
      region,
      profile: {
        httpProfile: {
          endpoint: host,
          protocol: this.settings.endpoint.protocol,
          reqTimeout: this.settings.requestTimeoutSeconds,
          ...(this.settings.endpoint.agent ? { agent: this.settings.endpoint.agent } : {}),
        },
      },
    };
    const client = product === "cvm" ? new cvm.v20170312.Client(config) : new CommonClient(host, version, config);
    if (ctx.signal.aborted) throw abortedError(ref, ctx.signal);
    let response: unknown;
    try {
      response = await client.request(action, request, { signal: ctx.signal });
    } catch (err) {
      if (ctx.signal.aborted) throw abortedError(ref, ctx.signal);
      throw tencentError(err, { ref, service: product, action, region, ...this.settings.secrets });
    }
    if (!isJsonObject(response)) throw new ActionError(`${ref}: ${action} in ${region} answered something that is not a JSON object`, { code: "tencent_bad_response" });
    return response;
  }

  private credential(ref: string, ctx: ActionContext): { secretId: string; secretKey: string } {
    const { secretId: idName, secretKey: keyName } = this.settings.secrets;
    const secretId = ctx.secrets[idName];
    const secretKey = ctx.secrets[keyName];
    if (!secretId || !secretKey) {
      const missing = [secretId ? undefined : idName, secretKey ? undefined : keyName].filter((n) => n !== undefined);
      throw new ActionError(`${ref} needs the Tencent Cloud SecretId and SecretKey in secrets ${idName} and ${keyName}; ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set (\`reflex secrets set NAME\`)`, {
        code: "tencent_credentials_missing",
        retryable: false,
      });
    }
    return { secretId, secretKey };
  }
}
