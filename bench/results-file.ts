// Keeps `bench/RESULTS.md` stable in shape: a fixed title, then one section per key (`machine`,
// then one per suite), each between HTML comment markers. A run replaces the sections it
// produced and keeps the others, so a suite run alone does not erase another suite's numbers.

const TITLE = [
  "# Reflex benchmarks",
  "",
  "Written by `npm run bench` (`bench/run.ts [suite…]`). Each suite rewrites its own section and",
  "leaves the others as they were; the Machine section describes the latest run.",
  "",
].join("\n");

const SECTION = /<!-- section:([a-z0-9-]+) -->\n([\s\S]*?)<!-- \/section:\1 -->/g;

/** Reads the sections of an existing results file (key → Markdown). */
export function readSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const match of text.matchAll(SECTION)) {
    const [, key, body] = match;
    if (key !== undefined && body !== undefined) sections.set(key, body.trimEnd());
  }
  return sections;
}

/**
 * The whole file: `fresh` sections replace the `kept` ones of the same key. Sections come in
 * `order`, then any other kept section (a suite that is no longer registered) at the end.
 */
export function renderResults(kept: ReadonlyMap<string, string>, fresh: ReadonlyMap<string, string>, order: readonly string[]): string {
  const merged = new Map(kept);
  for (const [key, body] of fresh) merged.set(key, body.trimEnd());
  const keys = [...order.filter((k) => merged.has(k)), ...[...merged.keys()].filter((k) => !order.includes(k))];
  const parts = keys.map((key) => `<!-- section:${key} -->\n${merged.get(key) ?? ""}\n<!-- /section:${key} -->\n`);
  return [TITLE, ...parts].join("\n");
}
