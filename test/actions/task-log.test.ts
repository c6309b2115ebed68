// The task log: lines kept in order with their stream and time, bounded in lines, bytes and
// line length with a drop marker, and secret values replaced before anything is kept.
import { describe, expect, it } from "vitest";
import { REDACTED, TaskLog, redactor } from "../../src/actions/index.js";
import { ManualClock } from "../../src/core/clock.js";

describe("TaskLog", () => {
  it("keeps lines in order with their stream and time", () => {
    const clock = new ManualClock(1_000);
    const log = new TaskLog({ clock });
    log.stdout("out");
    clock.advance(5);
    log.stderr("err");
    log.info("note");
    expect(log.entries()).toEqual([
      { ts: 1_000, stream: "stdout", line: "out" },
      { ts: 1_005, stream: "stderr", line: "err" },
      { ts: 1_005, stream: "info", line: "note" },
    ]);
    expect(log.dropped).toBe(0);
  });

  it("splits multi-line text into lines and drops CR of CRLF", () => {
    const log = new TaskLog();
    log.stdout("a\r\nb\nc");
    expect(log.entries().map((e) => e.line)).toEqual(["a", "b", "c"]);
  });

  it("keeps the first maxLines lines and says how many were dropped", () => {
    const log = new TaskLog({ limits: { maxLines: 3 } });
    for (let i = 0; i < 10; i++) log.stdout(`line ${i}`);
    const entries = log.entries();
    expect(entries.map((e) => e.line)).toEqual(["line 0", "line 1", "line 2", "… 7 lines dropped (a task log keeps at most 3 lines and 262144 bytes)"]);
    expect(entries.at(-1)?.stream).toBe("info");
    expect(log.dropped).toBe(7);
  });

  it("keeps at most maxBytes and drops every line after the first that does not fit", () => {
    const log = new TaskLog({ limits: { maxBytes: 10 } });
    log.stdout("12345");
    log.stdout("123456");
    log.stdout("1");
    expect(log.entries().map((e) => e.line)).toEqual(["12345", "… 2 lines dropped (a task log keeps at most 1000 lines and 10 bytes)"]);
  });

  it("uses the default bounds of 1,000 lines", () => {
    const log = new TaskLog();
    for (let i = 0; i < 1_200; i++) log.stderr(`${i}`);
    expect(log.entries()).toHaveLength(1_001);
    expect(log.entries().at(-1)?.line).toMatch(/^… 200 lines dropped/);
  });

  it("cuts a long line on a character boundary and says how much was cut", () => {
    const log = new TaskLog({ limits: { maxLineBytes: 10 } });
    log.stdout("ééééééé"); // 14 bytes: five whole characters fit in 10
    log.stdout("x".repeat(25));
    const [accented, plain] = log.entries().map((e) => e.line);
    expect(accented).toBe("ééééé … [4 more bytes cut]");
    expect(plain).toBe(`${"x".repeat(10)} … [15 more bytes cut]`);
  });

  it("replaces secret values before a line is kept or cut", () => {
    const log = new TaskLog({ secrets: ["s3cr3t-token", "hunter2"], limits: { maxLineBytes: 20 } });
    log.stdout("Authorization: Bearer s3cr3t-token");
    log.stderr("password=hunter2 and again hunter2");
    log.info("nothing secret");
    const lines = log.entries().map((e) => e.line);
    expect(lines.join("\n")).not.toMatch(/s3cr3t|hunter2/);
    expect(lines[1]).toMatch(/^password=\*\*\* and a/);
    expect(lines[2]).toBe("nothing secret");
  });
});

describe("redactor", () => {
  it("hides the longer of overlapping secrets whole", () => {
    const redact = redactor(["abc", "abcdef"]);
    expect(redact("x abcdef y abc z")).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it("treats secrets as text, not patterns", () => {
    expect(redactor(["a.b*"])("a.b* axbb")).toBe(`${REDACTED} axbb`);
  });

  it("hides each line of a multi-line secret", () => {
    const key = "-----BEGIN KEY-----\nMIIBVwIBADANBgkq\n-----END KEY-----";
    const redact = redactor([key]);
    expect(redact(`key: ${key}`)).toBe(`key: ${REDACTED}`);
    expect(redact("MIIBVwIBADANBgkq")).toBe(REDACTED);
  });

  it("ignores empty secrets and is the identity without any", () => {
    expect(redactor([""])("text")).toBe("text");
    expect(redactor([])("text")).toBe("text");
  });
});
