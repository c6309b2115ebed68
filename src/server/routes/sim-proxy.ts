// The cloud simulator seen through Reflex's API, for the console's Fleet page (the console talks
// to Reflex only): whether a simulator is wired (`REFLEX_SIM_URL`, set by `reflex up --sim`),
// its instances and faults, and injecting a fault (operator). Requests go through the
// simulator's own typed client with its control token (`REFLEX_SIM_TOKEN`); its refusals keep
// their status and explanation, and a simulator that cannot be reached is a 502.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ReflexError } from "../../core/errors.js";
import { SimControlClient, SimControlError } from "../../sim/control-client.js";
import { SIM_FAULT_KINDS } from "../../sim/types.js";
import type { SimCloud, SimFaultKind, SimInstanceState } from "../../sim/types.js";
import { principalOf } from "../auth/principal-of.js";
import type { ServerContext } from "../context.js";
import { IdParam, Problem } from "../schemas.js";

const Open = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

const SimInfo = Type.Object({
  enabled: Type.Boolean({ description: "true when REFLEX_SIM_URL is set" }),
  url: Type.Union([Type.String(), Type.Null()]),
  reachable: Type.Boolean({ description: "the simulator answered its health check just now" }),
  faultKinds: Type.Array(Type.String()),
});

const InstancesQuery = Type.Object({
  cloud: Type.Optional(Type.Union([Type.Literal("tencent"), Type.Literal("aliyun")])),
  state: Type.Optional(Type.String({ description: "comma-separated states (RUNNING, STOPPED, …)" })),
  released: Type.Optional(Type.Boolean({ description: "include released instances" })),
});

const FaultsQuery = Type.Object({
  instanceId: Type.Optional(Type.String({ maxLength: 256 })),
  active: Type.Optional(Type.Boolean({ description: "only faults not yet cleared (true) or only ended ones (false)" })),
});

const FaultBody = Type.Object({ kind: Type.Union(SIM_FAULT_KINDS.map((k) => Type.Literal(k))) }, { additionalProperties: false });

/** The simulator is not configured: every proxied route answers this. */
export class NoSimulatorError extends ReflexError {
  constructor() {
    super("no_simulator", "no simulator: start with --sim or set REFLEX_SIM_URL (and REFLEX_SIM_TOKEN when it has a control token)", { status: 404 });
  }
}

export function simProxyRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const url = ctx.env.REFLEX_SIM_URL?.trim() || undefined;
  const token = ctx.env.REFLEX_SIM_TOKEN?.trim() || undefined;
  const client = url === undefined ? undefined : new SimControlClient({ url, ...(token === undefined ? {} : { token }) });
  const sim = (): SimControlClient => {
    if (client === undefined) throw new NoSimulatorError();
    return client;
  };

  app.get(
    "/api/v1/sim",
    { config: { access: "viewer" }, schema: { summary: "Whether a cloud simulator is wired to this Reflex", tags: ["simulator"], response: { 200: SimInfo } } },
    async () => ({ enabled: client !== undefined, url: url ?? null, reachable: client === undefined ? false : await client.healthy(), faultKinds: [...SIM_FAULT_KINDS] }),
  );

  app.get<{ Querystring: { cloud?: SimCloud; state?: string; released?: boolean } }>(
    "/api/v1/sim/instances",
    {
      config: { access: "viewer" },
      schema: { summary: "The simulator's instances", tags: ["simulator"], querystring: InstancesQuery, response: { 200: Type.Object({ items: Type.Array(Open("a simulated instance")) }), 404: Problem, 502: Problem } },
    },
    async (request) => {
      const { cloud, state, released } = request.query;
      const states = state?.split(",").map((s) => s.trim().toUpperCase()).filter((s) => s !== "") as SimInstanceState[] | undefined;
      return { items: await relay(() => sim().instances({ ...(cloud ? { cloud } : {}), ...(states && states.length > 0 ? { state: states } : {}), ...(released ? { released } : {}) })) };
    },
  );

  app.get<{ Querystring: { instanceId?: string; active?: boolean } }>(
    "/api/v1/sim/faults",
    {
      config: { access: "viewer" },
      schema: { summary: "Faults injected into the simulator, with when and how they cleared", tags: ["simulator"], querystring: FaultsQuery, response: { 200: Type.Object({ items: Type.Array(Open("a fault")) }), 404: Problem, 502: Problem } },
    },
    async (request) => {
      const { instanceId, active } = request.query;
      return { items: await relay(() => sim().faults({ ...(instanceId === undefined ? {} : { instanceId }), ...(active === undefined ? {} : { active }) })) };
    },
  );

  app.post<{ Params: { id: string }; Body: { kind: SimFaultKind } }>(
    "/api/v1/sim/instances/:id/faults",
    {
      config: { access: "operator" },
      schema: {
        summary: "Inject a fault into a simulated instance",
        tags: ["simulator"],
        params: IdParam,
        body: FaultBody,
        response: { 201: Open("the fault"), 400: Problem, 404: Problem, 409: Problem, 502: Problem },
      },
    },
    async (request, reply) => {
      const fault = await relay(() => sim().injectFault(request.params.id, request.body.kind));
      request.log.info({ instance: request.params.id, kind: request.body.kind, by: principalOf(request).name }, "fault injected into the simulator");
      return reply.code(201).send(fault);
    },
  );
}

/** Runs a simulator call; its refusal keeps its status (4xx) or becomes 502 (unreachable, 5xx). */
async function relay<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof SimControlError)) throw err;
    const refused = err.status >= 400 && err.status < 500;
    throw new ReflexError(refused ? `sim_${err.problemCode}` : "sim_unavailable", `the simulator: ${err.message}`, {
      status: refused ? err.status : 502,
      ...(err.pointer === undefined ? {} : { location: { pointer: err.pointer } }),
    });
  }
}
