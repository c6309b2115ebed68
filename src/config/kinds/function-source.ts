// Where a Function's code comes from, and where a problem in it, or a line of a stack trace
// through it, is shown. A `file:` is read from beside its config file (it must exist, be a
// regular file and stay under a size cap) and shown as itself. Inline `code:` lives in the
// YAML: when it is a literal block (`code: |`) each line of the code is a line of the file at
// the block's indentation, so problems and stack traces point at their exact place in the
// YAML; otherwise at the `code:` value, with the line and column inside the code in problems.
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { ConfigDocument } from "../config-document.js";
import type { ConfigProblem } from "../problem.js";
import type { FunctionDocument } from "./function-schema.js";
import { FUNCTION_FILE_EXTENSIONS } from "./function-schema.js";
import type { CodeOrigin } from "./function-source-map.js";

/** Largest function source, inline or in a file. */
export const MAX_FUNCTION_SOURCE_BYTES = 1024 * 1024;

/** A function's source text, the path it runs as, where its lines really are, and how to place a problem. */
export interface FunctionSource {
  text: string;
  /** Absolute path the module runs as. */
  fileName: string;
  origin: CodeOrigin;
  /** A problem at a 1-based line and column of `text`. */
  problem(line: number, col: number, message: string): ConfigProblem;
}

/** The source of a Function document that fits its schema and checks, or the problems reading it. */
export function functionSource(value: FunctionDocument, doc: ConfigDocument): FunctionSource | ConfigProblem[] {
  if (value.file !== undefined) return fileSource(value.file, doc);
  return inlineSource(value.code ?? "", value.name, doc);
}

function fileSource(written: string, doc: ConfigDocument): FunctionSource | ConfigProblem[] {
  const shown = join(dirname(doc.file), written);
  const fileName = resolve(dirname(doc.file), written);
  const refuse = (message: string): ConfigProblem[] => [doc.problem("/file", message)];
  if (!(FUNCTION_FILE_EXTENSIONS as readonly string[]).includes(extname(written))) {
    return refuse(`'${written}' must end in ${FUNCTION_FILE_EXTENSIONS.join(", ")} (JavaScript, or TypeScript compiled on load)`);
  }
  let size: number;
  try {
    const info = statSync(fileName);
    if (!info.isFile()) return refuse(`${shown} is not a regular file`);
    size = info.size;
  } catch (err) {
    const missing = err instanceof Error && "code" in err && err.code === "ENOENT";
    return refuse(missing ? `${shown} does not exist (a file: path is relative to this config file)` : `cannot read ${shown}: ${String(err)}`);
  }
  if (size > MAX_FUNCTION_SOURCE_BYTES) return refuse(`${shown} is ${size} bytes; a function's source may have at most ${MAX_FUNCTION_SOURCE_BYTES} bytes`);
  let text: string;
  try {
    text = readFileSync(fileName, "utf8");
  } catch (err) {
    return refuse(`cannot read ${shown}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    text,
    fileName,
    origin: { file: basename(fileName), lineOffset: 0, colOffset: 0 },
    problem: (line, col, message) => ({ file: shown, line, col, pointer: "/file", message }),
  };
}

function inlineSource(text: string, name: string, doc: ConfigDocument): FunctionSource {
  // The module runs beside its config file, so `require("./x")` means a file next to it.
  const fileName = resolve(dirname(doc.file), `${basename(doc.file)}#${name}.js`);
  const at = doc.problem("/code", "");
  const block = literalBlock(text, doc.file, at.line, at.col);
  if (block !== undefined) {
    return {
      text,
      fileName,
      origin: { file: basename(doc.file), ...block },
      problem: (line, col, message) => ({ ...at, line: block.lineOffset + line, col: block.colOffset + col, message }),
    };
  }
  return {
    text,
    fileName,
    // A one-line value: the code starts at the value (inside its quote, if any).
    origin: { file: basename(doc.file), lineOffset: at.line - 1, colOffset: at.col - 1 },
    problem: (line, col, message) => ({ ...at, message: `${message} (line ${line}, column ${col} of the code)` }),
  };
}

/**
 * When the value at `line`:`col` of `file` is a literal block (`|`) holding `code` line for
 * line, the lines above its first line and its indentation; else undefined.
 */
function literalBlock(code: string, file: string, line: number, col: number): { lineOffset: number; colOffset: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split(/\r?\n/);
  } catch {
    return undefined;
  }
  const header = lines[line - 1]?.slice(col - 1) ?? "";
  if (!/^\|[1-9+-]*\s*(#.*)?$/.test(header)) return undefined;
  const codeLines = code.replace(/\n$/, "").split("\n");
  const first = codeLines.findIndex((l) => l !== "");
  const indent = first < 0 ? -1 : (lines[line + first]?.length ?? 0) - (codeLines[first]?.length ?? 0);
  if (indent < 0) return undefined;
  const prefix = " ".repeat(indent);
  const matches = codeLines.every((l, i) => l === "" || lines[line + i] === prefix + l);
  return matches ? { lineOffset: line, colOffset: indent } : undefined;
}
