// `kind: Rule`: which events on a bus mean something (an event pattern), and what to do about
// them (targets, each delivered independently), with optional throttle, dedupe and group.
// The same checks serve two paths: a YAML document in a config directory (problems at
// file:line:col) and a JSON body of `PUT /api/v1/rules/:name` (`validateRuleDocument`,
// problems by JSON pointer). Parts: `rule-schema.ts`, `target-schema.ts`, `rule-checks.ts`,
// `target-checks.ts`, `rule-build.ts`, `rule-defaults.ts`.
//
//   kind: Rule
//   name: cvm-ping-unreachable
//   bus: default
//   pattern: {source: cvm.cloud.tencent, type: ["cvm:ErrorEvent:PingUnreachable"]}
//   throttle: {key: "{{ event.subject }}", rate: 1, per: 10m}
//   targets:
//     - {name: chat, type: http, url: "https://hooks.example.com/x", body: {text: "{{ event.subject }}"}}
//     - {type: notify, channel: ops-webhook}
import { isJsonObject } from "../../core/json.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { POINTER_ONLY } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import type { ReflexConfig, RuleSpec } from "../types.js";
import { DEFAULT_BUS } from "../types.js";
import type { KindDefinition } from "./kind.js";
import { defineKind, documentChecker } from "./kind.js";
import { buildRule } from "./rule-build.js";
import { ruleProblems } from "./rule-checks.js";
import { RuleSchema } from "./rule-schema.js";

const ruleDefinition: KindDefinition<typeof RuleSchema, RuleSpec> = {
  kind: "Rule",
  schema: RuleSchema,
  check: ruleProblems,
  build: buildRule,
  assemble: (specs, config) => ({ ...config, rules: new Map([...config.rules, ...specs.map((s) => [s.name, s] as const)]) }),
  crossCheck(loaded, context, problems) {
    const refs: RuleReferences = {
      buses: [...context.config.buses.keys()],
      channels: [...context.config.channels.keys()],
      hasBus: (name) => name === DEFAULT_BUS.name || context.declared("Bus", name) !== undefined,
      hasChannel: (name) => context.declared("Channel", name) !== undefined,
    };
    for (const { spec, doc } of loaded) problems.push(...referenceProblems(spec, refs, doc));
  },
};

/** The Rule kind for the registry. */
export const ruleKind = defineKind(ruleDefinition);

/** What a rule may refer to. */
interface RuleReferences {
  /** Names to offer in messages. */
  buses: readonly string[];
  channels: readonly string[];
  hasBus(name: string): boolean;
  hasChannel(name: string): boolean;
}

/** A problem for the rule's bus and each notify target's channel that does not exist. */
function referenceProblems(spec: RuleSpec, refs: RuleReferences, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!refs.hasBus(spec.bus)) {
    const message = `bus '${spec.bus}' is not declared; declare it with 'kind: Bus' or use one of: ${refs.buses.join(", ")}`;
    problems.push(at.problem("/bus", message + didYouMean(spec.bus, refs.buses)));
  }
  spec.targets.forEach((target, i) => {
    if (target.type !== "notify" || refs.hasChannel(target.channel)) return;
    const others = refs.channels.length === 0 ? "" : ` or use one of: ${refs.channels.join(", ")}`;
    const message = `channel '${target.channel}' is not declared; declare it with 'kind: Channel'${others}`;
    problems.push(at.problem(`/targets/${i}/channel`, message + didYouMean(target.channel, refs.channels)));
  });
  return problems;
}

/** A problem in a rule given as a JSON value: where (JSON pointer into the value) and what. */
export interface RuleDocumentProblem {
  pointer: string;
  message: string;
}

/** Options of `validateRuleDocument`. */
export interface RuleDocumentOptions {
  /**
   * The rule's name as given elsewhere (the `:name` of `PUT /api/v1/rules/:name`). A value
   * without `name` takes it; a value whose `name` differs is a problem.
   */
  name?: string;
  /** When given, the rule's bus and its notify targets' channels must exist in it. */
  config?: Pick<ReflexConfig, "buses" | "channels">;
}

/** Checks the Rule kind's schema, checks and build; one compiled schema for both paths. */
const checkRule = documentChecker(ruleDefinition);

/**
 * Runs the checks of a `kind: Rule` document on a plain JSON value (an HTTP request body):
 * `kind` may be left out, `name` may come from `options.name`, and references are checked
 * against `options.config` when it is given. Returns the spec (defaults filled in) when there
 * is no problem, else null and every problem found. Never throws for anything in `value`.
 */
export function validateRuleDocument(
  value: unknown,
  options: RuleDocumentOptions = {},
): { spec: RuleSpec | null; problems: RuleDocumentProblem[] } {
  const checked = checkRuleValue(value, POINTER_ONLY, options);
  return { spec: checked.spec, problems: checked.problems.map(({ pointer, message }) => ({ pointer, message })) };
}

/**
 * `validateRuleDocument` with problems placed by `at`: a parsed YAML document places them at
 * the line and column `reflex validate` reports (the YAML editor of the console uses this).
 */
export function checkRuleValue(value: unknown, at: ProblemLocator, options: RuleDocumentOptions = {}): { spec: RuleSpec | null; problems: ConfigProblem[] } {
  if (!isJsonObject(value)) {
    return { spec: null, problems: [at.problem("", "a rule must be a JSON object with at least 'pattern' and 'targets'")] };
  }
  const document: Record<string, unknown> = { kind: "Rule", ...value };
  const problems: ConfigProblem[] = [];
  const written = document["name"];
  if (options.name !== undefined && written === undefined) document["name"] = options.name;
  if (options.name !== undefined && written !== undefined && written !== options.name) {
    const message = `'name' is ${JSON.stringify(written)} but the rule being written is '${options.name}'; leave 'name' out or make them the same`;
    problems.push(at.problem("/name", message));
  }
  const checked = checkRule(document, at);
  problems.push(...checked.problems);
  if (checked.spec !== null && options.config !== undefined) {
    const { buses, channels } = options.config;
    const refs: RuleReferences = {
      buses: [...buses.keys()],
      channels: [...channels.keys()],
      hasBus: (name) => buses.has(name),
      hasChannel: (name) => channels.has(name),
    };
    problems.push(...referenceProblems(checked.spec, refs, at));
  }
  return { spec: problems.length === 0 ? checked.spec : null, problems };
}
