// Which dialect of the event-pattern language a caller accepts. Reflex's own dialect (the
// default) is AWS EventBridge's language plus what the product's seed documents write (a bare
// scalar leaf means a one-element list) and a linear-time `regex` operator; the `eventbridge`
// dialect is exactly AWS's language, for users who move patterns to and from AWS unchanged.

/** `reflex` (default): AWS EventBridge plus bare scalar leaves and `regex`. `eventbridge`: AWS only. */
export type PatternDialect = "reflex" | "eventbridge";

/** Options of `compilePattern`, `validatePattern` and `RuleIndex.add`. */
export interface PatternOptions {
  /** The dialect to accept; `reflex` when left out. */
  dialect?: PatternDialect;
}

/** The dialect an options object asks for, with the default filled in. */
export function dialectOf(options: PatternOptions | undefined): PatternDialect {
  return options?.dialect ?? "reflex";
}
