// How `reflex rules test --explain` prints why an event matches a pattern or not: the verdict,
// which alternative is shown when the pattern has several, and one row per condition — whether
// it holds, where it is written, what it wants and what the event has there.
import type { PatternExplanation } from "../patterns/index.js";
import { printTable } from "./output.js";

/** Prints an explanation for people. */
export function printExplanation(explained: PatternExplanation): void {
  const which = explained.alternatives > 1 ? ` (alternative ${explained.alternative + 1} of ${explained.alternatives}${explained.match ? "" : ", the closest"})` : "";
  process.stdout.write(`${explained.match ? "match" : "no match"}${which}\n`);
  printTable(
    explained.conditions.map((c) => ({
      holds: c.holds ? "yes" : "NO",
      pointer: c.pointer,
      wants: JSON.stringify(c.expected),
      event: c.valueCount === 0 ? "(absent)" : `${c.values.map((v) => JSON.stringify(v)).join(", ")}${c.valueCount > c.values.length ? `, … (${c.valueCount} values)` : ""}`,
    })),
    ["holds", "pointer", "wants", "event"],
  );
  if (explained.splitAcrossArrayElements) process.stdout.write("every condition holds, but on different elements of an array: fields matched together must come from the same element\n");
}
