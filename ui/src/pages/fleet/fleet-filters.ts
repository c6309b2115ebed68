// The Fleet page's view state, read from the query string so a filtered fleet is a link:
// cloud and state go to the server; text, health and paging are applied here.
import { healthOf } from "./instance-state";
import type { SimInstance } from "./types";

/** The filters of the page, as in the URL. */
export interface FleetFilters {
  cloud: string;
  state: string;
  released: boolean;
  q: string;
  health: string;
  view: "table" | "tiles";
  instance: string | undefined;
  faults: string;
  page: number;
}

/** Rows per page of the table and the tiles. */
export const FLEET_PAGE_SIZE = 100;

/** The filters in `query`. */
export function readFilters(query: Readonly<Record<string, string>>): FleetFilters {
  const page = Number.parseInt(query.page ?? "1", 10);
  return {
    cloud: query.cloud ?? "",
    state: query.state ?? "",
    released: query.released === "1" || query.released === "true",
    q: query.q ?? "",
    health: query.health ?? "",
    view: query.view === "tiles" ? "tiles" : "table",
    instance: query.instance === undefined || query.instance === "" ? undefined : query.instance,
    faults: query.faults ?? "",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The instances that pass the filters applied in the browser (text and health). */
export function applyLocalFilters(items: readonly SimInstance[], f: FleetFilters): SimInstance[] {
  const words = f.q.toLowerCase().split(/\s+/).filter((w) => w !== "");
  return items.filter((i) => {
    if (f.health !== "" && healthOf(i) !== f.health) return false;
    if (words.length === 0) return true;
    const text = [i.id, i.name, i.privateIp, i.region, i.zone, i.state, ...i.activeFaults, ...Object.entries(i.tags).map(([k, v]) => `${k}=${v}`)].join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
