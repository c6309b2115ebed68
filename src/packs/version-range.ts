// Versions in pack metadata: a pack's own `version` is a semantic version (`1.2.0`,
// `0.3.1-rc.1`), and `requires.reflex` says which Reflex it runs on as space-separated
// comparators that must all hold (`>=0.1`, `>=0.1 <1`, `0.1.0`). Only the comparators a pack
// needs are supported (no `^`, `~`, `||` or wildcards), so what a pack states is plain to read.

/** A semantic version: MAJOR.MINOR.PATCH with an optional pre-release and build. */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** One comparator of a range: an operator and a version of one to three parts. */
const COMPARATOR = /^(>=|<=|>|<|=)?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

/** A range as the schema checks it: one or more comparators separated by spaces. */
export const VERSION_RANGE = /^\s*(?:(?:>=|<=|>|<|=)?\d+(?:\.\d+){0,2})(?:\s+(?:>=|<=|>|<|=)?\d+(?:\.\d+){0,2})*\s*$/;

/** True when `version` (a semantic version; its pre-release is ignored) satisfies every comparator of `range`. */
export function satisfies(version: string, range: string): boolean {
  const have = numbers(version);
  return range
    .trim()
    .split(/\s+/)
    .every((comparator) => {
      const match = COMPARATOR.exec(comparator);
      if (match === null) return false;
      const want = [match[2], match[3], match[4]].map((part) => Number(part ?? 0));
      const order = compare(have, want);
      switch (match[1] ?? "=") {
        case ">=":
          return order >= 0;
        case "<=":
          return order <= 0;
        case ">":
          return order > 0;
        case "<":
          return order < 0;
        default:
          return order === 0;
      }
    });
}

function numbers(version: string): number[] {
  const [major = 0, minor = 0, patch = 0] = (version.split(/[-+]/)[0] ?? "").split(".").map(Number);
  return [major, minor, patch];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
