// Secrets through the API. Operators may list names and times; only admins set and delete.
// No answer ever carries a value: a set answers with the name and times, and errors name the
// secret, never its content. Request bodies are never logged (request logging is off, and a
// failed request logs only its error), so the value of a PUT reaches nothing but the store.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { NotFoundError } from "../../core/errors.js";
import type { ServerContext } from "../context.js";
import { NameParam, Problem } from "../schemas.js";

const SecretInfo = Type.Object({ name: Type.String(), createdAt: Type.String(), updatedAt: Type.String() }, { description: "A secret's name and times; never its value" });

/** A PUT body may escape every byte of a 64 KiB value as `\u00XX` (6 characters each). */
const PUT_BODY_LIMIT = 512 * 1024;

/** Registers the secrets routes; they use only the secret store. */
export function secretRoutes(app: FastifyInstance, ctx: Pick<ServerContext, "secrets">): void {
  app.get(
    "/api/v1/secrets",
    { config: { access: "operator" }, schema: { summary: "List secrets: names and times, never values", tags: ["secrets"], response: { 200: Type.Object({ items: Type.Array(SecretInfo) }), 503: Problem } } },
    async () => ({ items: await ctx.secrets.list() }),
  );

  app.put<{ Params: { name: string }; Body: { value: string } }>(
    "/api/v1/secrets/:name",
    {
      config: { access: "admin" },
      bodyLimit: PUT_BODY_LIMIT,
      schema: {
        summary: "Create or replace a secret; the answer never contains the value",
        description: "The value (at most 64 KiB of UTF-8) is encrypted with AES-256-GCM under the master key. Reference it as `{{ secrets.NAME }}` in action inputs and channel settings.",
        tags: ["secrets"],
        params: NameParam,
        body: Type.Object({ value: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: { 200: SecretInfo, 201: SecretInfo, 400: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { info, created } = await ctx.secrets.set(request.params.name, request.body.value);
      return reply.code(created ? 201 : 200).send(info);
    },
  );

  app.delete<{ Params: { name: string } }>(
    "/api/v1/secrets/:name",
    { config: { access: "admin" }, schema: { summary: "Delete a secret", tags: ["secrets"], params: NameParam, response: { 204: Type.Null(), 404: Problem } } },
    async (request, reply) => {
      if (!(await ctx.secrets.delete(request.params.name))) throw new NotFoundError("secret", request.params.name, "`reflex secrets list` shows the secrets that are set");
      return reply.code(204).send();
    },
  );
}
