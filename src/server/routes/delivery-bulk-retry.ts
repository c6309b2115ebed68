// Re-driving many dead letters at once (the console's "retry selected"):
// `POST /api/v1/deliveries/retry {ids}` re-drives each as `POST /api/v1/deliveries/:id/retry`
// would, one after the other, and answers what became of each id — one that is not dead or not
// found does not stop the others.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ReflexError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import type { ServerContext } from "../context.js";
import { DeliveryView } from "../rule-schemas.js";
import { Problem } from "../schemas.js";

/** Most ids in one request. */
export const MAX_BULK_RETRY = 500;

const Body = Type.Object(
  { ids: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1, maxItems: MAX_BULK_RETRY, uniqueItems: true, description: "ids of dead deliveries" }) },
  { additionalProperties: false },
);

const Outcome = Type.Object({
  id: Type.String(),
  outcome: Type.Union([Type.Literal("retried"), Type.Literal("not_found"), Type.Literal("conflict"), Type.Literal("failed")], {
    description: "retried (a fresh cycle of attempts is queued); not_found; conflict (not dead, or cannot be rendered again: see error); failed (an unexpected error)",
  }),
  error: Type.Optional(Type.String()),
  delivery: Type.Optional(DeliveryView),
});

const Answer = Type.Object({ retried: Type.Integer(), failed: Type.Integer(), results: Type.Array(Outcome) });

type Outcome = { id: string; outcome: "retried" | "not_found" | "conflict" | "failed"; error?: string; delivery?: JsonObject };

export function deliveryBulkRetryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: { ids: string[] } }>(
    "/api/v1/deliveries/retry",
    {
      config: { access: "operator" },
      schema: {
        summary: "Re-drive several dead deliveries",
        description: `Each id is re-driven as by POST /api/v1/deliveries/{id}/retry; the answer lists the outcome of each, in the order given. At most ${MAX_BULK_RETRY} ids.`,
        tags: ["deliveries"],
        body: Body,
        response: { 200: Answer, 400: Problem },
      },
    },
    async (request) => {
      const results: Outcome[] = [];
      for (const id of request.body.ids) results.push(await retryOne(ctx, id, request.log));
      const retried = results.filter((r) => r.outcome === "retried").length;
      return { retried, failed: results.length - retried, results };
    },
  );
}

async function retryOne(ctx: ServerContext, id: string, log: FastifyInstance["log"]): Promise<Outcome> {
  try {
    return { id, outcome: "retried", delivery: await ctx.deliveries.retry(id) };
  } catch (err) {
    if (err instanceof ReflexError && err.status === 404) return { id, outcome: "not_found", error: err.message };
    if (err instanceof ReflexError && err.status === 409) return { id, outcome: "conflict", error: err.message };
    log.error({ err, delivery: id }, "re-driving a delivery failed");
    return { id, outcome: "failed", error: "an internal error occurred; the server log has the details" };
  }
}
