// Trying patterns: `POST /api/v1/patterns/test` answers whether a pattern matches an event, as
// EventBridge's TestEventPattern does, or explains with a problem where the pattern is wrong.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { compilePattern } from "../../patterns/index.js";
import type { ServerContext } from "../context.js";
import { Problem } from "../schemas.js";

const TestBody = Type.Object(
  {
    pattern: Type.Unknown({ description: "an event pattern" }),
    event: Type.Unknown({ description: "an event (CloudEvent envelope or any JSON)" }),
    dialect: Type.Optional(Type.Union([Type.Literal("reflex"), Type.Literal("eventbridge")])),
  },
  { additionalProperties: false, required: ["pattern", "event"] },
);

export function patternRoutes(app: FastifyInstance, _ctx: ServerContext): void {
  app.post<{ Body: { pattern: unknown; event: unknown; dialect?: "reflex" | "eventbridge" } }>(
    "/api/v1/patterns/test",
    {
      config: { access: "viewer" },
      schema: { summary: "Test an event pattern against an event", tags: ["patterns"], body: TestBody, response: { 200: Type.Object({ match: Type.Boolean() }), 400: Problem } },
    },
    async (request) => ({ match: compilePattern(request.body.pattern, { dialect: request.body.dialect }).matches(request.body.event) }),
  );
}
