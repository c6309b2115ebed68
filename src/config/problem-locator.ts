// Checks find problems by JSON pointer; where that pointer is for a person depends on where the
// value came from. A YAML document (`ConfigDocument`) turns it into file:line:col; a JSON body
// sent to the HTTP API has no file, so the pointer alone locates the problem there. Checks
// written against this interface serve both paths with one implementation.
import type { NodePart } from "./config-document.js";
import type { ConfigProblem } from "./problem.js";

/** Places a problem found at a JSON pointer of a checked value. */
export interface ProblemLocator {
  /** A problem at the node `pointer` leads to (its key when `part` is "key"). */
  problem(pointer: string, message: string, part?: NodePart): ConfigProblem;
}

/** The locator for a plain JSON value: problems carry the pointer, and no file or position. */
export const POINTER_ONLY: ProblemLocator = {
  problem: (pointer, message) => ({ file: "", line: 0, col: 0, pointer, message }),
};
