// Templates: type preservation, interpolation, recursion, compile-time syntax errors with the
// pointer of the bad string, and the guard rails (time, depth, sequence, result size).
import { describe, expect, it } from "vitest";
import { compileExpression, compileTemplate, TemplateError } from "../../src/expr/index.js";

const context = {
  event: { id: "e1", source: "cvm.cloud.tencent", subject: "ins-123", data: { cpu: 97.5, ok: false } },
  data: { cpu: 97.5, ok: false, tags: ["a", "b"], nothing: null },
  body: { alert: { id: 7, name: "disk full" } },
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("compileTemplate", () => {
  it("keeps the type of a value that is exactly one expression", async () => {
    const t = compileTemplate({
      obj: "{{ body.alert }}",
      list: "{{ data.tags }}",
      num: "{{ data.cpu }}",
      bool: "{{ data.ok }}",
      nil: "{{ data.nothing }}",
      missing: "{{ data.absent }}",
      padded: "  {{ data.cpu * 2 }}\n",
      built: '{{ {"id": event.id, "n": {"x": 1}} }}',
    });
    expect(await t.render(context)).toEqual({
      obj: { id: 7, name: "disk full" },
      list: ["a", "b"],
      num: 97.5,
      bool: false,
      nil: null,
      missing: null,
      padded: 195,
      built: { id: "e1", n: { x: 1 } },
    });
  });

  it("interpolates text, writing objects and lists as JSON and nothing for a missing value", async () => {
    const t = compileTemplate("host {{ event.subject }} cpu={{ data.cpu }}% ok={{ data.ok }} tags={{ data.tags }} alert={{ body.alert }} [{{ data.absent }}]");
    expect(await t.render(context)).toBe('host ins-123 cpu=97.5% ok=false tags=["a","b"] alert={"id":7,"name":"disk full"} []');
  });

  it("walks arrays and objects and leaves plain values alone", async () => {
    const t = compileTemplate({ a: [1, "x", { b: "{{ event.id }}" }, null, true], "c/d": "plain {text}" });
    expect(await t.render(context)).toEqual({ a: [1, "x", { b: "e1" }, null, true], "c/d": "plain {text}" });
  });

  it("treats braces inside JSONata strings as part of the expression", async () => {
    const t = compileTemplate('{{ "{{" & "}}" }} and {{ \'}}\' }}');
    expect(await t.render({})).toBe("{{}} and }}");
  });

  it("renders many times from one compilation", async () => {
    const t = compileTemplate("{{ n + 1 }}");
    expect(await Promise.all([1, 2, 3].map((n) => t.render({ n })))).toEqual([2, 3, 4]);
  });

  it("reports bad syntax at compile time with the pointer of the string and JSONata's position", () => {
    const err = thrown(() => compileTemplate({ inputs: { ok: "{{ a }}", items: ["x", "{{ foo bar ( }}"] } }, "/rules/0"));
    expect(err).toBeInstanceOf(TemplateError);
    const te = err as TemplateError;
    expect(te.pointer).toBe("/rules/0/inputs/items/1");
    expect(te.location?.pointer).toBe("/rules/0/inputs/items/1");
    expect(te.expression).toBe("foo bar (");
    expect(te.jsonataCode).toBe("S0201");
    expect(te.position).toBeTypeOf("number");
    expect(te.message).toContain("/rules/0/inputs/items/1");
    expect(te.message).toContain("foo bar (");
  });

  it("rejects an unclosed or empty expression with the pointer", () => {
    const unclosed = thrown(() => compileTemplate({ "a~b": "x {{ event.id" })) as TemplateError;
    expect(unclosed).toBeInstanceOf(TemplateError);
    expect(unclosed.pointer).toBe("/a~0b");
    expect(unclosed.message).toContain("no matching");
    expect(thrown(() => compileTemplate(["{{   }}"]))).toBeInstanceOf(TemplateError);
  });

  it("reports a runtime error with expression, pointer and position", async () => {
    const t = compileTemplate({ x: "{{ $notAFunction(1) }}" });
    const err = await t.render({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).pointer).toBe("/x");
    expect((err as TemplateError).jsonataCode).toBe("T1006");
  });

  it("stops an expression that runs forever", async () => {
    const t = compileTemplate({ loop: "{{ ($f := function($x){ $x > 0 ? $f($x + 1) : 0 }; $f(1)) }}" });
    const started = Date.now();
    const err = await t.render({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).jsonataCode).toBe("D1012");
    expect((err as TemplateError).pointer).toBe("/loop");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("honours a custom time limit", async () => {
    const t = compileTemplate("{{ ($f := function($x){ $f($x + 1) }; $f(1)) }}", "", { timeoutMs: 20 });
    const err = await t.render({}).catch((e: unknown) => e);
    expect((err as TemplateError).message).toContain("20 milliseconds");
  });
});

describe("compileExpression guard rails", () => {
  it("stops deep recursion", async () => {
    const e = compileExpression("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000))", "/when", { timeoutMs: 5_000 });
    const err = await e.evaluate({}).catch((x: unknown) => x);
    expect((err as TemplateError).jsonataCode).toBe("D1011");
  });

  it("allows modest recursion", async () => {
    const e = compileExpression("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(50))");
    expect(await e.evaluate({})).toBe(50);
  });

  it("stops long sequences", async () => {
    const e = compileExpression("[1..200000]", "", { maxSequence: 1000 });
    const err = await e.evaluate({}).catch((x: unknown) => x);
    expect((err as TemplateError).jsonataCode).toBe("D2015");
  });

  it("stops oversize results", async () => {
    const e = compileExpression("$pad('', 5000, 'x')", "/big", { maxResultBytes: 1000 });
    const err = await e.evaluate({}).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).message).toContain("1000 bytes");
  });

  it("refuses to return a function", async () => {
    const err = await compileExpression("function($x){ $x }").evaluate({}).catch((x: unknown) => x);
    expect((err as TemplateError).message).toContain("function");
  });

  it("returns plain arrays for sequences and undefined for nothing", async () => {
    const seq = await compileExpression("items.a").evaluate({ items: [{ a: 1 }, { a: 2 }] });
    expect(seq).toEqual([1, 2]);
    expect(Object.keys(seq as object)).toEqual(["0", "1"]);
    expect(await compileExpression("nope").evaluate({})).toBeUndefined();
  });

  it("cannot reach JavaScript objects or globals", async () => {
    for (const expr of ["constructor", "__proto__", "a.constructor.name", "$keys($)"]) {
      const out = await compileExpression(expr).evaluate({ a: "x" });
      expect(out === undefined || out === "a").toBe(true);
    }
    const err = await compileExpression("constructor('return process')()").evaluate({}).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(TemplateError);
  });
});
