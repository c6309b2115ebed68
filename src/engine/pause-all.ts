// The global pause switch for incidents (`reflex pause-all`): while it is on, running
// executions are paused and new ones start paused; turning it off resumes them. The switch is
// a row in `meta`, so every node sees it.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { pauseExecution, resumeExecution } from "./operations.js";
import type { Step } from "./step.js";

const KEY = "engine.paused_all";

/** True while the switch is on. */
export async function pausedAll(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", KEY).executeTakeFirst();
  return row?.value === "1";
}

/** Turns the switch on or off and pauses or resumes every top-level execution; returns how many changed. */
export async function setPausedAll(step: Step, on: boolean): Promise<number> {
  await step.db.deleteFrom("meta").where("key", "=", KEY).execute();
  if (on) await step.db.insertInto("meta").values({ key: KEY, value: "1" }).execute();
  const statuses = on ? ["running", "pending"] : ["paused", "pausing"];
  const targets = await step.db.selectFrom("executions").select("id").where("parent_id", "is", null).where("status", "in", statuses).execute();
  for (const { id } of targets) {
    if (on) await pauseExecution(step, id);
    else await resumeExecution(step, id);
  }
  return targets.length;
}
