// A Function's code is checked and compiled when the config loads, never run: the TypeScript
// compiler parses it (JavaScript or TypeScript, ES module or CommonJS syntax), so a syntax error
// is reported at its line and column; the module must export a handler (`main_handler`, the
// Tencent SCF convention, or a default export); and it is compiled to one CommonJS module with
// an inline source map, the form the runner loads (`require` works from the module's directory,
// and stack traces point at the lines as written). V8 then compiles the result without running
// it, which catches the few errors the parser leaves to the type checker (a `let` declared
// twice). CommonJS has no top-level `await` and no `import.meta`: both are refused here, where
// they are written, instead of failing at the first invocation.
//
// The `typescript` package is loaded on first use, so a Reflex without Functions never pays
// for it.
import { SourceMap, createRequire } from "node:module";
import { basename } from "node:path";
import { Script } from "node:vm";
import type * as TS from "typescript";
import { inlineSourceMap, withOrigin } from "./function-source-map.js";
import type { CodeOrigin } from "./function-source-map.js";

/** A problem in the code, at a 1-based line and column of the source. */
export interface CodeProblem {
  line: number;
  col: number;
  message: string;
}

/** Compiled code, or why the source cannot be used. */
export type CompiledCode = { code: string } | { problems: CodeProblem[] };

/** Most syntax errors reported for one source: the first ones are the ones to fix. */
const MAX_REPORTED = 5;

const HOW_TO_EXPORT =
  "export a handler: `export async function main_handler(event, context) { … }`, `exports.main_handler = async (event, context) => { … }` or a default export";

let typescriptModule: typeof TS | undefined;

/** The TypeScript compiler, or undefined when the package is not installed. */
function typescript(): typeof TS | undefined {
  try {
    typescriptModule ??= createRequire(import.meta.url)("typescript") as typeof TS;
  } catch {
    return undefined;
  }
  return typescriptModule;
}

/**
 * Checks and compiles `source`. `fileName` is the path the module runs as; its ending says
 * whether the source is TypeScript (`.ts`, `.mts`, `.cts`) or JavaScript (anything else).
 * Problems are at lines and columns of `source`; the compiled code's source map points at
 * `origin` (default: the module's own file).
 */
export function compileFunctionCode(source: string, fileName: string, origin: CodeOrigin = { file: basename(fileName), lineOffset: 0, colOffset: 0 }): CompiledCode {
  const ts = typescript();
  if (ts === undefined) return { problems: [{ line: 1, col: 1, message: "Functions are compiled with the 'typescript' package, which is not installed; install it next to Reflex (npm install typescript)" }] };
  const isTs = /\.[cm]?ts$/.test(fileName);
  // The ending picks the syntax; `.mjs`/`.mts` would also force ES module output, so compile under a neutral one.
  const compileName = fileName.replace(/\.[cm]?[jt]s$/, "") + (isTs ? ".ts" : ".js");
  const parsed = ts.createSourceFile(compileName, source, ts.ScriptTarget.Latest, true, isTs ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const output = ts.transpileModule(source, {
    fileName: compileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  const syntax = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax.length > 0) {
    return {
      problems: syntax.slice(0, MAX_REPORTED).map((d) => ({
        ...position(parsed, d.start ?? 0),
        message: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      })),
    };
  }
  const problems = [...moduleProblems(ts, parsed), ...handlerProblems(ts, parsed)];
  if (problems.length > 0) return { problems };
  const v8 = v8Problem(output.outputText, fileName);
  return v8 === undefined ? { code: withOrigin(output.outputText, origin) } : { problems: [v8] };
}

/** The 1-based line and column of `offset` in `file`. */
function position(file: TS.SourceFile, offset: number): { line: number; col: number } {
  const { line, character } = file.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, col: character + 1 };
}

/** Top-level `await` and `import.meta`, which a CommonJS module cannot have. */
function moduleProblems(ts: typeof TS, file: TS.SourceFile): CodeProblem[] {
  const problems: CodeProblem[] = [];
  const visit = (node: TS.Node, topLevel: boolean): void => {
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      problems.push({ ...position(file, node.getStart()), message: "'import.meta' is not available: a function runs as a CommonJS module; use __filename and __dirname" });
    }
    const awaits = ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined);
    if (topLevel && awaits) {
      problems.push({ ...position(file, node.getStart()), message: "top-level 'await' is not available: a function runs as a CommonJS module; move it into the handler" });
    }
    ts.forEachChild(node, (child) => visit(child, topLevel && !ts.isFunctionLike(node)));
  };
  visit(file, true);
  return problems;
}

/** A problem when the module exports no handler the runner could call. */
function handlerProblems(ts: typeof TS, file: TS.SourceFile): CodeProblem[] {
  if (file.statements.some((statement) => exportsHandler(ts, statement))) return [];
  return [{ line: 1, col: 1, message: `the code exports no handler; ${HOW_TO_EXPORT}` }];
}

/** Names under which the runner looks for the handler. */
const HANDLER_NAMES = new Set(["main_handler", "default"]);

/**
 * True when `statement` exports `main_handler` or a default export, in ES module or CommonJS
 * syntax. `export * from` may re-export one, which only running the code could tell: it counts.
 */
function exportsHandler(ts: typeof TS, statement: TS.Statement): boolean {
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return exported && (isDefault || statement.name?.text === "main_handler");
  if (ts.isVariableStatement(statement)) return exported && statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === "main_handler");
  if (ts.isExportAssignment(statement)) return true;
  if (ts.isExportDeclaration(statement)) {
    const clause = statement.exportClause;
    if (clause === undefined) return true;
    return ts.isNamedExports(clause) && clause.elements.some((e) => HANDLER_NAMES.has(e.name.text));
  }
  if (ts.isExpressionStatement(statement)) return commonJsExport(ts, statement.expression);
  return false;
}

/** `exports.main_handler = …`, `module.exports.main_handler = …`, or `module.exports = …` (a handler, or an object holding one). */
function commonJsExport(ts: typeof TS, expression: TS.Expression): boolean {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = expression.left;
  if (!ts.isPropertyAccessExpression(target)) return false;
  if (isModuleExports(ts, target)) {
    const value = expression.right;
    if (!ts.isObjectLiteralExpression(value)) return true;
    return value.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && HANDLER_NAMES.has(p.name.text));
  }
  const owner = target.expression;
  const isExportsObject = (ts.isIdentifier(owner) && owner.text === "exports") || (ts.isPropertyAccessExpression(owner) && isModuleExports(ts, owner));
  return isExportsObject && HANDLER_NAMES.has(target.name.text);
}

function isModuleExports(ts: typeof TS, node: TS.PropertyAccessExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === "module" && node.name.text === "exports";
}

/** How CommonJS wraps a module's code; it shares the code's first line. */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) {";

/** V8's own compile of the output, as the runner will do it; nothing is run. */
function v8Problem(code: string, fileName: string): CodeProblem | undefined {
  try {
    new Script(`${WRAPPER_HEAD}${code}\n})`, { filename: fileName });
    return undefined;
  } catch (err) {
    const message = `the code does not compile: ${err instanceof Error ? err.message : String(err)}`;
    const at = err instanceof Error ? compiledPosition(err.stack ?? "") : undefined;
    return { ...(at === undefined ? { line: 1, col: 1 } : sourcePosition(code, at)), message };
  }
}

/** The 0-based line and column in the compiled code of V8's syntax error (`file:LINE`, the line, a caret under the column). */
function compiledPosition(stack: string): { line: number; col: number } | undefined {
  const [where, , caret] = stack.split("\n");
  const line = /:(\d+)$/.exec(where ?? "")?.[1];
  if (line === undefined) return undefined;
  const col = Math.max(0, (caret ?? "").indexOf("^"));
  return { line: Number(line) - 1, col: line === "1" ? Math.max(0, col - WRAPPER_HEAD.length) : col };
}

/** The 1-based position in the source of a 0-based position in the compiled code, through its inline source map. */
function sourcePosition(code: string, at: { line: number; col: number }): { line: number; col: number } {
  const map = inlineSourceMap(code);
  if (map !== undefined) {
    const entry = new SourceMap({ file: "", sourceRoot: "", names: [], sourcesContent: [], ...map }).findEntry(at.line, at.col);
    if ("originalLine" in entry) return { line: entry.originalLine + 1, col: entry.originalColumn + 1 };
  }
  return { line: at.line + 1, col: at.col + 1 };
}
