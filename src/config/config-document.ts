// One YAML document of a config file, with the means to say where any part of it sits. The
// loader and the kinds report problems by JSON pointer (that is what Ajv and the template
// compiler give); this turns a pointer into the file:line:col of the YAML node, or of its key,
// using the node ranges the `yaml` package records while parsing.
import type { Document, LineCounter, Node, ParsedNode } from "yaml";
import { isAlias, isMap, isScalar, isSeq } from "yaml";
import type { ConfigProblem } from "./problem.js";

/** Which part of a mapping entry a problem points at: the value (default) or its key. */
export type NodePart = "value" | "key";

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  col: number;
}

/** A parsed YAML document of a config file. */
export class ConfigDocument {
  /** The document as plain JSON values (mappings become objects). */
  readonly value: unknown;

  constructor(
    /** The file as reported in problems (see ConfigProblem). */
    readonly file: string,
    private readonly doc: Document.Parsed<ParsedNode>,
    private readonly lines: LineCounter,
  ) {
    this.value = doc.toJS();
  }

  /** Where the document starts: its first node. */
  start(): Position {
    return this.position("");
  }

  /**
   * The position of the node at `pointer`, or of its key when `part` is "key". When the
   * pointer leads to nothing (a missing field), the position of the deepest node that exists.
   */
  position(pointer: string, part: NodePart = "value"): Position {
    const node = this.find(parsePointer(pointer), part);
    const offset = node?.range?.[0] ?? 0;
    return this.lines.linePos(offset);
  }

  /** `file:line:col` of the node at `pointer`, for messages that name another place. */
  where(pointer: string, part: NodePart = "value"): string {
    const { line, col } = this.position(pointer, part);
    return `${this.file}:${line}:${col}`;
  }

  /** A problem at the node `pointer` leads to. */
  problem(pointer: string, message: string, part: NodePart = "value"): ConfigProblem {
    return { file: this.file, ...this.position(pointer, part), pointer, message };
  }

  /** Walks the YAML tree along `segments`; stops at the last node that exists. */
  private find(segments: readonly string[], part: NodePart): Node | null {
    let current: Node | null = this.doc.contents;
    let key: Node | null = null;
    for (const segment of segments) {
      const node = isAlias(current) ? current.resolve(this.doc) ?? null : current;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (pair === undefined || !isScalar(pair.key)) return node;
        key = pair.key;
        current = isNode(pair.value) ? pair.value : pair.key;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (!isNode(item)) return node;
        key = null;
        current = item;
      } else {
        return node;
      }
    }
    return part === "key" && key !== null ? key : current;
  }
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

/** Splits an RFC 6901 pointer into its unescaped segments ("" is the whole document). */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
