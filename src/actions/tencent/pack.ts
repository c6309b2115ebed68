// The `tencent` pack: CVM, CBS and TAT actions through the official Tencent Cloud SDK. The
// credentials are secrets (`tencent.secret_id`, `tencent.secret_key` unless renamed), which the
// engine resolves for each run; the region is part of every action's input; the endpoint is
// the cloud unless the pack is pointed elsewhere (the simulator, a test server) by its options
// or by `REFLEX_TENCENT_ENDPOINT` in the environment it is given; `REFLEX_TENCENT_TAT_POLL`
// (a duration) sets how often a TAT command is looked at, for a simulator that runs faster.
import { parseDuration } from "../../core/duration.js";
import type { AnyActionDefinition } from "../registry.js";
import { cbsActions } from "./cbs.js";
import { cvmActions } from "./cvm.js";
import { tencentEndpoint } from "./endpoint.js";
import { describeInvocationTasksAction } from "./tat-describe-invocation-tasks.js";
import { runCommandAction } from "./tat-run-command.js";
import { TencentApi } from "./tencent-api.js";

/** How the `tencent` pack is set up; every field has a default. */
export interface TencentPackOptions {
  /** Where requests go (`http://127.0.0.1:9000`); default `REFLEX_TENCENT_ENDPOINT`, else the cloud. */
  endpoint?: string;
  /** The environment to read `REFLEX_TENCENT_ENDPOINT` and `REFLEX_TENCENT_TAT_POLL` from. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Names of the secrets holding the SecretId and SecretKey (default `tencent.secret_id`, `tencent.secret_key`). */
  secrets?: { secretId?: string; secretKey?: string };
  /** Longest wait for one API answer, in seconds (default 30). */
  requestTimeoutSeconds?: number;
  /** Pause between two looks at a TAT invocation, in ms (default `REFLEX_TENCENT_TAT_POLL`, else 2,000). */
  tatPollIntervalMs?: number;
  /** How long past a TAT command's timeout to keep looking, in ms (default 60,000). */
  tatGraceMs?: number;
}

/** The actions of the `tencent` pack; register them with `registry.register(...createTencentPack(options))`. */
export function createTencentPack(options: TencentPackOptions = {}): AnyActionDefinition[] {
  const fromEnv = options.env?.["REFLEX_TENCENT_ENDPOINT"];
  const endpoint = tencentEndpoint(options.endpoint ?? fromEnv, options.endpoint === undefined ? "REFLEX_TENCENT_ENDPOINT" : "tencent pack option endpoint");
  const api = new TencentApi({
    endpoint,
    secrets: { secretId: options.secrets?.secretId ?? "tencent.secret_id", secretKey: options.secrets?.secretKey ?? "tencent.secret_key" },
    requestTimeoutSeconds: options.requestTimeoutSeconds ?? 30,
  });
  const pollFromEnv = options.env?.["REFLEX_TENCENT_TAT_POLL"];
  const pollMs = options.tatPollIntervalMs ?? (pollFromEnv === undefined ? 2_000 : parseDuration(pollFromEnv, "REFLEX_TENCENT_TAT_POLL"));
  const polling = { intervalMs: pollMs, graceMs: options.tatGraceMs ?? 60_000 };
  return [...cvmActions(api), ...cbsActions(api), runCommandAction(api, polling), describeInvocationTasksAction(api)];
}
