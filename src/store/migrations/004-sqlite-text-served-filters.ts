// On SQLite, exact filters on `type` and `subject` are served by the free-text index (see
// sqlite-dialect.ts), so their B-tree indexes go: with many distinct subjects they made every
// commit write one index page per distinct value. PostgreSQL keeps them.
import type { Migration } from "../migrate.js";

export const sqliteTextServedFilters: Migration = {
  name: "004-sqlite-text-served-filters",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    await db.schema.dropIndex("events_bus_type_seq").execute();
    await db.schema.dropIndex("events_bus_subject_seq").execute();
  },
};
