// Config problems as text for people: one line each, `file:line:col: message`, in file order,
// the form editors and terminals turn into links. `reflex validate` and the server's reload log
// print this.
import type { ConfigProblem } from "./problem.js";
import { compareProblems } from "./problem.js";

/**
 * One line per problem, `file:line:col: message [pointer]`, sorted by file then line. The JSON
 * pointer is added when the problem is inside a document; a problem with no position (a file
 * or directory that cannot be read) prints as `file: message`.
 */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return [...problems]
    .sort(compareProblems)
    .map((p) => {
      const place = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
      const pointer = p.pointer === "" ? "" : ` [${p.pointer}]`;
      return `${place}: ${p.message}${pointer}`;
    })
    .join("\n");
}
