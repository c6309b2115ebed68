// The `cidr` operator: `{"cidr": "10.0.0.0/24"}` or an IPv6 block such as
// `{"cidr": "2001:db8::/64"}` matches string values holding an address of the same family
// inside the block.
//
// Design note. Addresses parse to bytes (4 for IPv4, 16 for IPv6) and a block is a byte prefix
// plus a bit count, so a test compares whole bytes and then one masked byte. Parsing is strict
// (dotted decimal without leading zeros; IPv6 groups of 1–4 hex digits with at most one `::`
// and an optional dotted IPv4 tail; no zone ids), for patterns and event values alike.
import type { JsonLeaf, MatcherBase } from "./value-matchers.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";

/** A parsed CIDR block; host bits beyond `bits` are zeroed. */
export interface CidrBlock {
  readonly bytes: Uint8Array;
  readonly bits: number;
}

/** `{"cidr": "…"}` (strings holding an IP address). */
export interface CidrMatcher extends MatcherBase {
  readonly kind: "cidr";
  readonly block: CidrBlock;
}

const DOT = 0x2e;
const ZERO = 0x30;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses an IPv4 or IPv6 address to 4 or 16 bytes, or `undefined` when it is not one. */
export function parseIp(text: string): Uint8Array | undefined {
  return text.includes(":") ? parseIpv6(text) : parseIpv4(text);
}

/** An IPv4 address as its 32-bit unsigned value, or -1 when `text` is not one (see parseIpv4). */
export function ipv4Word(text: string): number {
  let word = 0;
  let part = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= text.length; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : DOT;
    if (unit === DOT) {
      if (digits === 0 || value > 255 || part > 3) return -1;
      word = word * 256 + value;
      part++;
      digits = 0;
      value = 0;
    } else if (unit >= ZERO && unit <= ZERO + 9) {
      // A leading zero is only allowed as the whole part ("0", not "01").
      if (digits === 3 || (digits === 1 && value === 0)) return -1;
      value = value * 10 + (unit - ZERO);
      digits++;
    } else {
      return -1;
    }
  }
  return part === 4 ? word : -1;
}

/** Dotted decimal: four parts of 1–3 digits, each at most 255, no leading zeros. */
function parseIpv4(text: string): Uint8Array | undefined {
  const word = ipv4Word(text);
  if (word < 0) return undefined;
  return new Uint8Array([word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff]);
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? "", halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "", true) : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 1) {
    if (head.length !== 8) return undefined;
    groups = head;
  } else {
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups) when allowed. */
function parseGroups(text: string, ipv4TailAllowed: boolean): number[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (ipv4TailAllowed && i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!HEX_GROUP.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

/** Whether an address (4 or 16 bytes) lies in the block; families must agree. */
export function inBlock(block: CidrBlock, address: Uint8Array): boolean {
  if (address.length !== block.bytes.length) return false;
  const whole = block.bits >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== block.bytes[i]) return false;
  const rest = block.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address[whole] ?? 0) & mask) === (block.bytes[whole] ?? 0);
}

class Cidr implements CidrMatcher {
  readonly kind = "cidr";
  constructor(
    readonly block: CidrBlock,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    if (typeof v !== "string") return false;
    const ip = parseIp(v);
    return ip !== undefined && inBlock(this.block, ip);
  }
}

/** Parses `{"cidr": …}`'s operand into a matcher; reports malformed blocks. */
export function parseCidr(operand: unknown, at: Segments, ctx: ParseContext): CidrMatcher | undefined {
  if (typeof operand !== "string") {
    ctx.problem(at, `cidr match pattern must be a string such as "10.0.0.0/24" (got ${describeValue(operand)})`);
    return undefined;
  }
  const pieces = operand.split("/");
  if (pieces.length !== 2) {
    ctx.problem(at, `Malformed CIDR, one '/' required: write an address and a prefix length, e.g. "10.0.0.0/24" (got "${operand}")`);
    return undefined;
  }
  const [ipText = "", bitsText = ""] = pieces;
  if (!/^[0-9]{1,3}$/.test(bitsText)) {
    ctx.problem(at, `Malformed CIDR, mask bits must be an integer (got "${bitsText}")`);
    return undefined;
  }
  const address = parseIp(ipText);
  if (!address) {
    ctx.problem(at, `Nonstandard IP address: ${ipText} (use dotted IPv4 such as 10.0.0.0 or IPv6 such as 2001:db8::)`);
    return undefined;
  }
  const bits = Number(bitsText);
  const maxBits = address.length * 8;
  if (bits > maxBits) {
    ctx.problem(at, `Malformed CIDR, mask bits must be between 0 and ${maxBits} for an IPv${address.length === 4 ? 4 : 6} address (got ${bits})`);
    return undefined;
  }
  const bytes = address.slice();
  for (let bit = bits; bit < maxBits; bit++) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) & ~(0x80 >> (bit & 7));
  const block: CidrBlock = { bytes, bits };
  const key = `cidr:${Array.from(bytes).join(".")}/${bits}`;
  return new Cidr(block, key);
}
