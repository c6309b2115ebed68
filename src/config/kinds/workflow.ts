// `kind: Workflow`: an Orquesta-style graph of tasks that the engine runs durably (the DSL
// reference is docs/workflows.md). Loading checks everything that can be known before a run:
// the schema (`workflow-schema.ts`), names, durations and `do` targets (`workflow-checks.ts`),
// expressions and what they refer to (`workflow-templates.ts`), the task graph
// (`workflow-graph.ts`), and, across documents, actions, inputs and sub-workflow cycles
// (`workflow-cross.ts`). The spec is built by `workflow-build.ts`; its type is in
// `../workflow-types.ts`.
//
//   kind: Workflow
//   name: demo.fanout
//   input: [n]
//   tasks:
//     first:
//       action: core.echo
//       input: {message: "{{ 'n=' & $string(ctx.n) }}"}
//       next: [{when: "{{ $succeeded() }}", publish: {doubled: "{{ ctx.n * 2 }}"}, do: [left, right]}]
//     left: {action: core.noop, next: [{do: joined}]}
//     right: {action: core.sleep, input: {seconds: 0.2}, next: [{do: joined}]}
//     joined: {join: all, action: core.echo, input: {message: "{{ $string(ctx.doubled) }}"}}
//   output: {doubled: "{{ ctx.doubled }}"}
import { defineKind } from "./kind.js";
import { buildWorkflow } from "./workflow-build.js";
import { workflowProblems } from "./workflow-checks.js";
import { workflowCrossProblems } from "./workflow-cross.js";
import { WorkflowSchema } from "./workflow-schema.js";

/** The Workflow kind for the registry. */
export const workflowKind = defineKind({
  kind: "Workflow",
  schema: WorkflowSchema,
  check: workflowProblems,
  build: buildWorkflow,
  assemble: (specs, config) => ({ ...config, workflows: new Map([...config.workflows, ...specs.map((s) => [s.name, s] as const)]) }),
  crossCheck: (loaded, context, problems) => problems.push(...workflowCrossProblems(loaded, context)),
});
