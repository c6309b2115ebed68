// The packs every Reflex has, described with the same metadata as an installed pack so that
// `reflex packs list` shows them side by side: `core` (the basic actions), `notify` (sending
// through the declared channels, `core.notify`), `tencent` and `aliyun` (the cloud APIs).
// Their actions are registered in code (`actions/builtin.ts`, the channels module); here each
// pack only says which registered refs are its own. Their version is Reflex's.

/** A built-in pack: its name, what it is for, and which action refs belong to it. */
export interface BuiltinPack {
  name: string;
  description: string;
  owns(ref: string): boolean;
}

/** The built-in packs, in the order they are listed. */
export const BUILTIN_PACKS: readonly BuiltinPack[] = [
  {
    name: "core",
    description: "The actions every Reflex has: noop, echo, sleep, fail, http, shell and approve",
    owns: (ref) => ref.startsWith("core.") && ref !== "core.notify",
  },
  {
    name: "notify",
    description: "Messages to people through the declared channels (WeCom, DingTalk, Feishu, Slack, email, webhook): core.notify",
    owns: (ref) => ref === "core.notify",
  },
  {
    name: "tencent",
    description: "Tencent Cloud: CVM instances, CBS snapshots and TAT remote commands, through the official SDK",
    owns: (ref) => ref.startsWith("tencent."),
  },
  {
    name: "aliyun",
    description: "Alibaba Cloud: ECS instances and SLB backend servers",
    owns: (ref) => ref.startsWith("aliyun."),
  },
];

/** Pack names an installed pack may not take: the built-in packs' and `function` (declared Functions' actions). */
export const RESERVED_PACK_NAMES: readonly string[] = [...BUILTIN_PACKS.map((p) => p.name), "function"];
