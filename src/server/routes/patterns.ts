// Trying patterns: `POST /api/v1/patterns/test` answers whether a pattern matches an event, as
// EventBridge's TestEventPattern does, or explains with a problem where the pattern is wrong.
// With `explain: true` it also says why (explain-pattern.ts): the alternative shown, each
// condition's place in the pattern, the event's values there and whether it holds.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { compilePattern, explainPattern, EXPLAIN_MAX_VALUES } from "../../patterns/index.js";
import type { ServerContext } from "../context.js";
import { Problem } from "../schemas.js";

const TestBody = Type.Object(
  {
    pattern: Type.Unknown({ description: "an event pattern" }),
    event: Type.Unknown({ description: "an event (CloudEvent envelope or any JSON)" }),
    dialect: Type.Optional(Type.Union([Type.Literal("reflex"), Type.Literal("eventbridge")])),
    explain: Type.Optional(Type.Boolean({ description: "also say why: each condition of the matching (or closest) alternative against the event" })),
  },
  { additionalProperties: false, required: ["pattern", "event"] },
);

const Leaf = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

const Explanation = Type.Object({
  alternatives: Type.Integer({ description: "alternatives the pattern expands to (one per combination of $or choices)" }),
  alternative: Type.Integer({ description: "the alternative shown (0-based): the one that matched, or the closest to matching" }),
  splitAcrossArrayElements: Type.Boolean({ description: "every condition holds, but on different elements of an array" }),
  conditions: Type.Array(
    Type.Object({
      field: Type.String(),
      pointer: Type.String({ description: "JSON pointer of the condition in the pattern" }),
      expected: Type.Unknown({ description: "the condition as written" }),
      values: Type.Array(Leaf, { description: `the event's values at the field (at most ${EXPLAIN_MAX_VALUES}; none: absent)` }),
      valueCount: Type.Integer(),
      holds: Type.Boolean(),
    }),
  ),
});

const Answer = Type.Object({ match: Type.Boolean(), explanation: Type.Optional(Explanation) });

interface Body {
  pattern: unknown;
  event: unknown;
  dialect?: "reflex" | "eventbridge";
  explain?: boolean;
}

export function patternRoutes(app: FastifyInstance, _ctx: ServerContext): void {
  app.post<{ Body: Body }>(
    "/api/v1/patterns/test",
    {
      config: { access: "viewer" },
      schema: { summary: "Test an event pattern against an event", tags: ["patterns"], body: TestBody, response: { 200: Answer, 400: Problem } },
    },
    async (request) => {
      const { pattern, event, dialect, explain } = request.body;
      if (!explain) return { match: compilePattern(pattern, { dialect }).matches(event) };
      const { match, ...explanation } = explainPattern(pattern, event, { dialect });
      return { match, explanation };
    },
  );
}
