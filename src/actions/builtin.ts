// The actions every Reflex has: the core pack and the cloud packs (Tencent Cloud, Alibaba
// Cloud), set up from the process environment (endpoint overrides). The server and
// `reflex validate` build the same registry, so a config valid for one is valid for the other.
import { createAliyunPack } from "./aliyun/pack.js";
import { createCoreRegistry } from "./core/pack.js";
import type { ActionRegistry } from "./registry.js";
import { createTencentPack } from "./tencent/pack.js";

/** A registry of the built-in packs; `env` supplies endpoint overrides and `core.shell`'s base environment. */
export function builtinActions(env: Readonly<Record<string, string | undefined>>): ActionRegistry {
  return createCoreRegistry({ env }).register(...createTencentPack({ env }), ...createAliyunPack({ env }));
}
