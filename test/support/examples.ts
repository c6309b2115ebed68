// The example configs under examples/, read as text, for tests that run them as written.
import { readFileSync } from "node:fs";

/** The text of `examples/<path>`. */
export function exampleText(path: string): string {
  return readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8");
}

/** The workflow engine's acceptance example (`demo.fanout`), exactly as the issue writes it. */
export const DEMO_FANOUT_YAML = exampleText("demo/fanout.yaml");
