// `formatProblems`: one `file:line:col: message [pointer]` line per problem, in file order.
import { describe, expect, it } from "vitest";
import { formatProblems } from "../../src/config/index.js";
import type { ConfigProblem } from "../../src/config/index.js";

describe("formatProblems", () => {
  it("prints one line per problem, sorted by file then line then column", () => {
    const problems: ConfigProblem[] = [
      { file: "conf/b.yaml", line: 2, col: 7, pointer: "/kind", message: "unknown kind 'Buss'" },
      { file: "conf/a.yaml", line: 10, col: 3, pointer: "/retention/maxAge", message: "bad duration" },
      { file: "conf/a.yaml", line: 9, col: 5, pointer: "", message: "YAML syntax: oops" },
      { file: "conf/a.yaml", line: 9, col: 1, pointer: "/name", message: "missing required field 'name'" },
    ];
    expect(formatProblems(problems)).toBe(
      [
        "conf/a.yaml:9:1: missing required field 'name' [/name]",
        "conf/a.yaml:9:5: YAML syntax: oops",
        "conf/a.yaml:10:3: bad duration [/retention/maxAge]",
        "conf/b.yaml:2:7: unknown kind 'Buss' [/kind]",
      ].join("\n"),
    );
  });

  it("prints a problem without a position as `file: message` and nothing for no problems", () => {
    expect(formatProblems([{ file: "conf", line: 0, col: 0, pointer: "", message: "config directory does not exist" }])).toBe(
      "conf: config directory does not exist",
    );
    expect(formatProblems([])).toBe("");
  });
});
