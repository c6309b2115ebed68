// The action registry: refs, lookups, the config loader's catalog, and input validation
// messages that name the JSON pointer and the failed keyword.
import { describe, expect, it } from "vitest";
import { ActionError, ActionRegistry, createCoreRegistry } from "../../src/actions/index.js";
import type { ActionDefinition } from "../../src/actions/index.js";
import type { ActionCatalog } from "../../src/config/action-catalog.js";
import { ConflictError, NotFoundError, ValidationError } from "../../src/core/errors.js";

const custom: ActionDefinition = {
  ref: "demo.greet",
  description: "test action",
  inputSchema: { type: "object", required: ["name", "times"], properties: { name: { type: "string" }, times: { type: "integer" } } },
  timeoutMs: 1_000,
  run: () => Promise.resolve(null),
};

function validationError(fn: () => void): ValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("ActionRegistry", () => {
  const registry = createCoreRegistry();

  it("holds the core pack, sorted by ref", () => {
    expect(registry.refs()).toEqual(["core.approve", "core.echo", "core.fail", "core.http", "core.noop", "core.shell", "core.sleep"]);
    expect(registry.list().map((d) => d.ref)).toEqual(registry.refs());
    expect(registry.get("core.echo")?.description).toMatch(/message/);
    expect(registry.get("core.nope")).toBeUndefined();
  });

  it("serves as the config loader's action catalog", () => {
    const catalog: ActionCatalog = registry;
    expect(catalog.has("core.shell")).toBe(true);
    expect(catalog.has("demo.fanout")).toBe(false);
    expect(catalog.requiredInputs("core.echo")).toEqual(["message"]);
    expect(catalog.requiredInputs("core.shell")).toEqual(["argv"]);
    expect(catalog.requiredInputs("core.noop")).toEqual([]);
    expect(catalog.requiredInputs("core.nope")).toBeUndefined();
  });

  it("accepts input that fits the schema", () => {
    expect(() => registry.validateInput("core.echo", { message: "hi" })).not.toThrow();
    expect(() => registry.validateInput("core.noop", {})).not.toThrow();
    expect(() => registry.validateInput("core.http", { url: "http://x/", expectStatus: [200, 404] })).not.toThrow();
    expect(() => registry.validateInput("core.approve", { message: "go?", timeout: "30m", default: "approve" })).not.toThrow();
  });

  it("names the pointer and keyword of a wrong type", () => {
    const err = validationError(() => registry.validateInput("core.shell", { argv: ["ls", 3] }));
    expect(err.message).toBe("core.shell input /argv/1: must be string (type)");
    expect(err.location).toEqual({ pointer: "/argv/1" });
    expect(err.code).toBe("invalid_action_input");
  });

  it("names a missing field at its own pointer", () => {
    const err = validationError(() => registry.validateInput("core.echo", {}));
    expect(err.message).toBe("core.echo input /message: missing required field 'message' (required)");
    expect(err.location?.pointer).toBe("/message");
  });

  it("names an unknown field and lists the allowed ones", () => {
    const err = validationError(() => registry.validateInput("core.sleep", { seconds: 1, secs: 2 }));
    expect(err.message).toBe("core.sleep input /secs: unknown field 'secs'; allowed: seconds (additionalProperties)");
  });

  it("lists an enum's values and describes a failed anyOf", () => {
    expect(validationError(() => registry.validateInput("core.http", { url: "http://x/", method: "FETCH" })).message).toBe(
      'core.http input /method: must be one of: "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" (enum)',
    );
    expect(validationError(() => registry.validateInput("core.http", { url: "http://x/", expectStatus: "ok" })).message).toBe(
      "core.http input /expectStatus: must be an HTTP status or a non-empty list of them (anyOf)",
    );
  });

  it("checks bounds and formats", () => {
    expect(validationError(() => registry.validateInput("core.sleep", { seconds: -1 })).message).toBe("core.sleep input /seconds: must be >= 0 (minimum)");
    expect(validationError(() => registry.validateInput("core.shell", { argv: [] })).message).toBe("core.shell input /argv: must NOT have fewer than 1 items (minItems)");
    expect(validationError(() => registry.validateInput("core.approve", { message: "go?", timeout: "soon" })).location?.pointer).toBe("/timeout");
    expect(validationError(() => registry.validateInput("core.approve", { message: "go?", default: "approve" })).message).toMatch(/^core\.approve input \(the whole input\): .*timeout.* \(dependentRequired\)$/);
    const envName = validationError(() => registry.validateInput("core.shell", { argv: ["env"], env: { "A=B": "x" } }));
    expect(envName.message).toBe("core.shell input /env/A=B: the name 'A=B' must be a variable name without '=' or NUL (propertyNames)");
    expect(validationError(() => registry.validateInput("core.echo", "hi")).message).toBe("core.echo input (the whole input): must be object (type)");
  });

  it("refuses an unknown ref with the known ones", () => {
    expect(() => registry.validateInput("core.nope", {})).toThrow(NotFoundError);
    expect(() => registry.validateInput("core.nope", {})).toThrow(/core\.echo/);
  });

  it("registers other packs and keeps refs unique", () => {
    const mine = new ActionRegistry().register(custom);
    expect(mine.requiredInputs("demo.greet")).toEqual(["name", "times"]);
    expect(validationError(() => mine.validateInput("demo.greet", { name: "x", times: 1.5 })).message).toBe("demo.greet input /times: must be integer (type)");
    expect(() => mine.register(custom)).toThrow(ConflictError);
    expect(() => createCoreRegistry().register({ ...custom, ref: "core.echo" })).toThrow(/already registered/);
  });

  it("refuses a malformed ref, a bad timeout and a schema that does not compile", () => {
    const registry = new ActionRegistry();
    expect(validationError(() => registry.register({ ...custom, ref: "greet" })).message).toMatch(/pack\.name/);
    expect(validationError(() => registry.register({ ...custom, ref: "Demo.greet" })).code).toBe("invalid_action_ref");
    expect(validationError(() => registry.register({ ...custom, timeoutMs: -1 })).code).toBe("invalid_action_timeout");
    const typo = validationError(() => registry.register({ ...custom, inputSchema: { type: "object", requird: ["name"] } }));
    expect(typo.message).toMatch(/^action 'demo\.greet': its input schema does not compile: .*requird/);
    expect(registry.refs()).toEqual([]);
  });

  it("core.approve is carried out by the engine, not run", async () => {
    const approve = registry.get("core.approve");
    const err = await approve?.run({ message: "go?" }, {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).retryable).toBe(false);
    expect((err as ActionError).message).toMatch(/workflow engine/);
  });
});
