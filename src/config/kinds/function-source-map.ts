// A Function's compiled code carries an inline source map, so that stack traces name the lines
// as written. The compiler maps to the code it was given; this points the map at where that
// code really is: the function's file under its own name (the compiler may have seen it under
// another ending), or the config file, for inline code, shifted to the lines and columns the
// code occupies there. In a source map every original line and column is relative to the one
// before, so shifting all of them means changing only the first mapped segment.

/** Where code sits in the file a source map should name. */
export interface CodeOrigin {
  /** The file, relative to the module's own path (a file beside it: its base name). */
  file: string;
  /** Lines above the code's first line. */
  lineOffset: number;
  /** Columns left of the code's first column (the indentation of a literal block). */
  colOffset: number;
}

const MAP_COMMENT = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/** The inline source map of `code`, or undefined when it has none. */
export function inlineSourceMap(code: string): { version: number; sources: string[]; mappings: string } | undefined {
  const data = MAP_COMMENT.exec(code)?.[1];
  return data === undefined ? undefined : (JSON.parse(Buffer.from(data, "base64").toString("utf8")) as { version: number; sources: string[]; mappings: string });
}

/** `code` with its inline source map naming `origin.file` and shifted by the origin's offsets. */
export function withOrigin(code: string, origin: CodeOrigin): string {
  const map = inlineSourceMap(code);
  if (map === undefined) return code;
  const shifted = { ...map, sources: [origin.file], mappings: shiftFirstSegment(map.mappings, origin.lineOffset, origin.colOffset) };
  return code.replace(MAP_COMMENT, `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(shifted)).toString("base64")}\n`);
}

/** `mappings` with the original line and column of its first mapped segment moved by the offsets. */
function shiftFirstSegment(mappings: string, lines: number, cols: number): string {
  const start = mappings.search(/[^;,]/);
  if (start < 0) return mappings;
  const end = mappings.slice(start).search(/[;,]/);
  const segment = end < 0 ? mappings.slice(start) : mappings.slice(start, start + end);
  const fields = decodeVlq(segment);
  // [generated column, source, original line, original column, name?]
  if (fields.length < 4) return mappings;
  fields[2] = (fields[2] ?? 0) + lines;
  fields[3] = (fields[3] ?? 0) + cols;
  return mappings.slice(0, start) + encodeVlq(fields) + mappings.slice(start + segment.length);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The numbers of one segment: base64 digits of 5 bits, a continuation bit, the sign in the lowest bit. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function encodeVlq(values: readonly number[]): string {
  let text = "";
  for (const value of values) {
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      text += BASE64[digit];
    } while (rest > 0);
  }
  return text;
}
