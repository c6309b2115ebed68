// Finds where JSON text goes wrong. `JSON.parse` on Node 20 often reports a fault as a quote
// of the input with no position ("Unexpected token '}', "…" is not valid JSON"), useless for a
// 10 MB batch. When a parse fails, this scanner walks the text once more (iteratively, so
// deep nesting cannot overflow the stack) and names the first offending character.

/** The first syntax fault in some JSON text. */
export interface JsonSyntaxFault {
  /** Index into the text (UTF-16 code units) of the offending character. */
  offset: number;
  reason: string;
}

type Expect = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "colon" | "commaOrEnd" | "end";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The first syntax fault of `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxFault(text: string): JsonSyntaxFault | undefined {
  const stack: ("{" | "[")[] = [];
  let expect: Expect = "value";
  let i = 0;
  const fault = (reason: string): JsonSyntaxFault => ({ offset: i, reason });
  const afterValue = (): Expect => (stack.length === 0 ? "end" : "commaOrEnd");
  for (;;) {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
    if (i >= text.length) {
      if (expect === "end") return undefined;
      return fault(stack.length === 0 ? "the text ends before any value" : `the text ends inside an ${stack.at(-1) === "{" ? "object" : "array"}`);
    }
    const ch = text[i] ?? "";
    switch (expect) {
      case "end":
        return fault(`unexpected ${show(ch)} after the end of the JSON value`);
      case "colon":
        if (ch !== ":") return fault(`expected ":" after the property name, found ${show(ch)}`);
        i++;
        expect = "value";
        break;
      case "commaOrEnd": {
        const close = stack.at(-1) === "{" ? "}" : "]";
        if (ch === ",") {
          i++;
          expect = close === "}" ? "key" : "value";
        } else if (ch === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else {
          return fault(`expected "," or "${close}", found ${show(ch)}`);
        }
        break;
      }
      case "key":
      case "keyOrEnd":
        if (ch === "}" && expect === "keyOrEnd") {
          i++;
          stack.pop();
          expect = afterValue();
        } else if (ch === '"') {
          const bad = skipString();
          if (bad) return bad;
          expect = "colon";
        } else {
          return fault(`expected a property name in double quotes, found ${show(ch)}`);
        }
        break;
      case "value":
      case "valueOrEnd":
        if (ch === "]" && expect === "valueOrEnd") {
          i++;
          stack.pop();
          expect = afterValue();
        } else if (ch === "{" || ch === "[") {
          stack.push(ch);
          i++;
          expect = ch === "{" ? "keyOrEnd" : "valueOrEnd";
        } else if (ch === '"') {
          const bad = skipString();
          if (bad) return bad;
          expect = afterValue();
        } else {
          const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
          NUMBER.lastIndex = i;
          const number = literal === undefined ? NUMBER.exec(text) : null;
          if (literal === undefined && number === null) return fault(`expected a value, found ${show(ch)}`);
          i += literal?.length ?? number?.[0].length ?? 0;
          expect = afterValue();
        }
        break;
    }
  }

  /** Moves `i` past the string starting at `i`, or returns the fault inside it. */
  function skipString(): JsonSyntaxFault | undefined {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fault("a control character (such as a raw newline) inside a string; escape it");
      if (c === 0x5c) {
        ESCAPE.lastIndex = i;
        const m = ESCAPE.exec(text);
        if (!m) return fault("an invalid escape sequence inside a string");
        i += m[0].length;
      } else {
        i++;
      }
    }
    return fault("the text ends inside a string");
  }
}

function show(ch: string): string {
  return JSON.stringify(ch);
}
