// Reads one config file into its YAML documents. A file may hold several documents separated
// by `---`; a document with a syntax error is reported with the parser's own position and left
// out (its content cannot be trusted), the others of the file still load. Documents holding
// nothing but comments are skipped: a leading or trailing `---` is common and harmless.
// Merge keys (`<<: *defaults`) are honoured, as in most YAML that people write by hand.
import { readFile } from "node:fs/promises";
import type { ParsedNode, YAMLError } from "yaml";
import { LineCounter, isScalar, parseAllDocuments } from "yaml";
import { ConfigDocument } from "./config-document.js";
import type { ConfigProblem } from "./problem.js";

/** The documents of one file and the problems that kept any of them out. */
export interface FileDocuments {
  documents: ConfigDocument[];
  problems: ConfigProblem[];
}

/** Reads and parses `path`, naming it `shown` in problems. Never throws. */
export async function readConfigFile(path: string, shown: string): Promise<FileDocuments> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { documents: [], problems: [{ file: shown, line: 0, col: 0, pointer: "", message: `cannot read the file: ${reason}` }] };
  }
  return parseConfigText(text, shown);
}

/** Parses YAML text holding config documents, naming it `shown` in problems. */
export function parseConfigText(text: string, shown: string): FileDocuments {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const documents: ConfigDocument[] = [];
  const problems: ConfigProblem[] = [];
  const syntax = (errors: readonly YAMLError[]): void => {
    for (const error of errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.push({ file: shown, line, col, pointer: "", message: `YAML syntax: ${error.message}` });
    }
  };
  // A stream without documents carries its own errors (a stray `...`, a bad directive).
  if ("empty" in parsed) syntax(parsed.errors);
  for (const doc of parsed) {
    syntax(doc.errors);
    if (doc.errors.length > 0 || isEmpty(doc.contents)) continue;
    try {
      documents.push(new ConfigDocument(shown, doc, lines));
    } catch (err) {
      // Turning the tree into values fails on an alias to nowhere or too many aliases.
      const { line, col } = lines.linePos(doc.contents?.range[0] ?? 0);
      problems.push({ file: shown, line, col, pointer: "", message: `YAML: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return { documents, problems };
}

/** True for a document with nothing in it (comments at most); an explicit `null` is content. */
function isEmpty(contents: ParsedNode | null): boolean {
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === "");
}
