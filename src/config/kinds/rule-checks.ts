// The checks on a Rule document that its schema cannot express: the pattern, in the rule's
// dialect (each pattern problem placed under `/pattern`), the key templates of throttle,
// dedupe and group, durations that must not be zero, and each target (`target-checks.ts`),
// whose names must be unique within the rule. References to other documents (bus, channels)
// are checked across documents, in `rule.ts`.
import { validatePattern } from "../../patterns/index.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import type { RuleDocument } from "./rule-schema.js";
import { targetProblems } from "./target-checks.js";
import { defaultTargetName } from "./rule-defaults.js";
import { templateProblems } from "./template-check.js";

/** Every problem of a Rule document that fits the schema. */
export function ruleProblems(rule: RuleDocument, at: ProblemLocator): ConfigProblem[] {
  const dialect = rule.patternDialect ?? "reflex";
  const problems = validatePattern(rule.pattern, { dialect }).map((p) => at.problem(`/pattern${p.pointer}`, p.message));
  problems.push(...templateProblems(rule.throttle?.key, "/throttle/key", at));
  problems.push(...durationBoundsProblems(rule.throttle?.per, "/throttle/per", { label: "'throttle.per'", above: 0 }, at));
  problems.push(...templateProblems(rule.dedupe?.key, "/dedupe/key", at));
  problems.push(...durationBoundsProblems(rule.dedupe?.within, "/dedupe/within", { label: "'dedupe.within'", above: 0 }, at));
  problems.push(...templateProblems(rule.group?.by, "/group/by", at));
  problems.push(...durationBoundsProblems(rule.group?.wait, "/group/wait", { label: "'group.wait'", above: 0 }, at));
  rule.targets.forEach((target, i) => problems.push(...targetProblems(target, `/targets/${i}`, at)));
  problems.push(...duplicateNameProblems(rule, at));
  return problems;
}

/** A problem at each target whose name (given or default) an earlier target already has. */
function duplicateNameProblems(rule: RuleDocument, at: ProblemLocator): ConfigProblem[] {
  const first = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  rule.targets.forEach((target, i) => {
    const name = target.name ?? defaultTargetName(i);
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, i);
      return;
    }
    const given = target.name !== undefined;
    const message =
      `target name '${name}' is already used by target ${earlier + 1} (/targets/${earlier}); ` +
      (given ? "give each target its own name" : `targets without 'name' are called t1, t2, … by position: name this one`);
    problems.push(at.problem(given ? `/targets/${i}/name` : `/targets/${i}`, message));
  });
  return problems;
}
