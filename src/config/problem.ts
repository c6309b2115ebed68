// The one shape every config mistake is reported in, whatever found it (the YAML parser, a
// kind's schema, a cross-reference check): a file position a person can jump to, the JSON
// pointer of the offending value inside its document, and a message saying what to change.

/**
 * One problem in a config directory.
 *
 * - `file` is the path as the directory was given plus the file's path under it
 *   (`loadConfigDir("conf")` reports `conf/buses/ops.yaml`), so it opens from where the
 *   command ran.
 * - `line` and `col` are 1-based; both are 0 when the problem concerns a whole file or the
 *   directory itself (it cannot be read, does not exist).
 * - `pointer` is the RFC 6901 pointer of the offending value in its YAML document ("" for the
 *   whole document); for a missing field it is where the field should be.
 */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  pointer: string;
  message: string;
}

/** Orders problems by file, then line, then column (the order `formatProblems` prints). */
export function compareProblems(a: ConfigProblem, b: ConfigProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col;
}
