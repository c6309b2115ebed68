// The registry of config kinds: the loader accepts exactly the kinds listed here. A new kind is
// a file in this folder (see `kind.ts`) and one line below.
import { busKind } from "./bus.js";
import { channelKind } from "./channel.js";
import { drillKind } from "./drill.js";
import { eventTypeKind } from "./event-type.js";
import { functionKind } from "./function.js";
import type { ConfigKind } from "./kind.js";
import { probeKind } from "./probe.js";
import { ruleKind } from "./rule.js";
import { sourceKind } from "./source.js";
import { scheduleKind } from "./schedule.js";
import { workflowKind } from "./workflow.js";

/** Every kind a config document may have, in the order their specs are assembled. */
export const CONFIG_KINDS: readonly ConfigKind[] = [busKind, eventTypeKind, sourceKind, channelKind, ruleKind, workflowKind, probeKind, scheduleKind, functionKind, drillKind];
