// Reads a saved payload of a real source format from test/events/fixtures/.
import { readFileSync } from "node:fs";
import type { JsonValue } from "../../src/core/json.js";

/** The parsed JSON of `fixtures/<name>`. */
export function loadFixture(name: string): JsonValue {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as JsonValue;
}

/** The raw bytes of `fixtures/<name>`. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}
