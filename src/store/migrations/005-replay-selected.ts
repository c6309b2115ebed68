// Replays now apply their event pattern: `selected` counts the events of the window that
// matched it and were fed through the rules.
import type { Migration } from "../migrate.js";

export const replaySelected: Migration = {
  name: "005-replay-selected",
  async up(db) {
    await db.schema.alterTable("replays").addColumn("selected", "integer", (c) => c.notNull().defaultTo(0)).execute();
  },
};
