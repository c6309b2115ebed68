// The source adapters by name (`kind: Source` `type:`), each turning one request body into
// CloudEvents. `webhook` here is the mapping-less default; a declared webhook source builds its
// own with createWebhookAdapter(mapping).
import type { SourceType } from "../../config/types.js";
import type { Adapter } from "./adapter.js";
import { aliyunAdapter } from "./aliyun.js";
import { alertmanagerAdapter } from "./alertmanager.js";
import { awsAdapter } from "./aws.js";
import { cloudEventsAdapter } from "./cloudevents.js";
import { tencentAdapter } from "./tencent.js";
import { createWebhookAdapter, DEFAULT_WEBHOOK_MAPPING } from "./webhook.js";

export type { Adapter, AdapterContext } from "./adapter.js";
export { ALERTMANAGER_SOURCE } from "./alertmanager.js";
export { createWebhookAdapter, DEFAULT_WEBHOOK_MAPPING } from "./webhook.js";

/** Every adapter, by source type. */
export const adapters: Readonly<Record<SourceType, Adapter>> = Object.freeze({
  cloudevents: cloudEventsAdapter,
  tencent: tencentAdapter,
  aliyun: aliyunAdapter,
  alertmanager: alertmanagerAdapter,
  aws: awsAdapter,
  webhook: createWebhookAdapter(DEFAULT_WEBHOOK_MAPPING),
});
