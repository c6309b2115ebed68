// The `aliyun` pack: ECS and SLB actions through Alibaba's official RPC client. The credentials
// are secrets (`aliyun.access_key_id`, `aliyun.access_key_secret` unless renamed), which the
// engine resolves for each run; the region is part of every action's input; the endpoint is
// the cloud's regional one unless the pack is pointed elsewhere (the simulator, a test server)
// by its options or by `REFLEX_ALIYUN_ENDPOINT` in the environment it is given.
import type { AnyActionDefinition } from "../registry.js";
import { AliyunApi } from "./aliyun-api.js";
import { ecsActions } from "./ecs.js";
import { endpointOverride } from "./endpoint.js";
import { slbActions } from "./slb.js";

/** How the `aliyun` pack is set up; every field has a default. */
export interface AliyunPackOptions {
  /** Where requests go (`http://127.0.0.1:9000`); default `REFLEX_ALIYUN_ENDPOINT`, else each product's regional endpoint. */
  endpoint?: string;
  /** The environment to read `REFLEX_ALIYUN_ENDPOINT` from. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Names of the secrets holding the AccessKey (default `aliyun.access_key_id`, `aliyun.access_key_secret`). */
  secrets?: { accessKeyId?: string; accessKeySecret?: string };
  /** Longest wait to connect, and then for an answer, in ms (default 30,000). */
  requestTimeoutMs?: number;
}

/** The actions of the `aliyun` pack; register them with `registry.register(...createAliyunPack(options))`. */
export function createAliyunPack(options: AliyunPackOptions = {}): AnyActionDefinition[] {
  const fromEnv = options.env?.["REFLEX_ALIYUN_ENDPOINT"];
  const api = new AliyunApi({
    endpoint: endpointOverride(options.endpoint ?? fromEnv, options.endpoint === undefined ? "REFLEX_ALIYUN_ENDPOINT" : "aliyun pack option endpoint"),
    secrets: { accessKeyId: options.secrets?.accessKeyId ?? "aliyun.access_key_id", accessKeySecret: options.secrets?.accessKeySecret ?? "aliyun.access_key_secret" },
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  });
  return [...ecsActions(api), ...slbActions(api)];
}
