// Approvals over HTTP (StackStorm's inquiries): list the questions workflows ask people, read
// one, and answer it. The answerer is the token's name and role, which the approval's
// `approvers` are checked against; the answer and who gave it are kept with the approval.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { JsonValue } from "../../core/json.js";
import type { Decision } from "../../engine/index.js";
import { principalOf } from "../auth/principal-of.js";
import type { ServerContext } from "../context.js";
import { APPROVAL_STATUSES, ApprovalView } from "../execution-schemas.js";
import { IdParam, Problem } from "../schemas.js";

const ListQuery = Type.Object({
  status: Type.Optional(Type.Enum([...APPROVAL_STATUSES], { description: "pending lists the questions waiting for an answer" })),
  executionId: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
});

const AnswerBody = Type.Object(
  {
    decision: Type.Enum(["approve", "reject"]),
    response: Type.Optional(Type.Unknown({ description: "what the approver adds; when approving it must fit the approval's schema" })),
  },
  { additionalProperties: false },
);

export function approvalRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { status?: string; executionId?: string; limit?: number } }>(
    "/api/v1/approvals",
    { config: { access: "viewer" }, schema: { summary: "List approvals, newest first", tags: ["approvals"], querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(ApprovalView) }), 400: Problem } } },
    async (request) => {
      const { status, executionId, limit } = request.query;
      return { items: await ctx.executions.approvals({ status, executionId, limit: limit ?? 50 }) };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/approvals/:id",
    { config: { access: "viewer" }, schema: { summary: "One approval", tags: ["approvals"], params: IdParam, response: { 200: ApprovalView, 404: Problem } } },
    async (request) => ctx.executions.approval(request.params.id),
  );

  app.post<{ Params: { id: string }; Body: { decision: Decision; response?: JsonValue } }>(
    "/api/v1/approvals/:id",
    {
      config: { access: "operator" },
      schema: {
        summary: "Answer an approval: approve or reject",
        description: "Only a pending approval can be answered (409 otherwise); a token the approval's `approvers` do not name is refused (403); a response that does not fit the approval's schema is 400 with its pointer.",
        tags: ["approvals"],
        params: IdParam,
        body: AnswerBody,
        response: { 200: ApprovalView, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { name, role } = principalOf(request);
      const { decision, response } = request.body;
      return ctx.executions.answer(request.params.id, decision, response ?? null, { name, role });
    },
  );
}
