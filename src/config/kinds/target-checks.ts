// The checks on one target of a rule that its schema cannot express: templates that must
// compile, URLs and header names that must be valid, a timeout within bounds, a status range
// the right way round, a backoff no longer than its maximum, and no body on a GET (which HTTP
// clients refuse to send). Problems are placed under the target's own pointer.
import { parseDuration } from "../../core/duration.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { durationBoundsProblems, formatMs } from "./duration-bounds.js";
import { headerNameProblems, headerProblems, httpUrlProblems } from "./http-fields.js";
import { DEFAULT_RETRY, MAX_TIMEOUT_MS } from "./rule-defaults.js";
import { functionTargetProblems } from "./target-function.js";
import { queueTargetProblems } from "./target-queue.js";
import type { TargetDocument } from "./target-schema.js";
import { templateProblems } from "./template-check.js";

/** Every problem of the target at `pointer` (e.g. `/targets/0`). */
export function targetProblems(target: TargetDocument, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const problems = retryProblems(target.retry, `${pointer}/retry`, at);
  switch (target.type) {
    case "http":
      problems.push(...httpProblems(target, pointer, at));
      break;
    case "workflow":
      problems.push(...templateProblems(target.input, `${pointer}/input`, at));
      break;
    case "notify":
      problems.push(...templateProblems(target.message, `${pointer}/message`, at));
      break;
    case "queue":
      problems.push(...queueTargetProblems(target, pointer, at));
      break;
    case "function":
      problems.push(...functionTargetProblems(target, pointer, at));
      break;
  }
  return problems;
}

type HttpTargetDocument = Extract<TargetDocument, { type: "http" }>;

function httpProblems(target: HttpTargetDocument, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const problems = templateProblems(target.url, `${pointer}/url`, at);
  // A URL with templates is known only when rendered; a literal one can be checked now.
  if (problems.length === 0 && !target.url.includes("{{")) problems.push(...httpUrlProblems(target.url, `${pointer}/url`, at));
  problems.push(...headerNameProblems(target.headers, `${pointer}/headers`, at));
  problems.push(...templateProblems(target.headers, `${pointer}/headers`, at));
  if (target.method === "GET" && target.body !== undefined) {
    problems.push(at.problem(`${pointer}/body`, "a GET request has no body; remove 'body' or use method POST", "key"));
  }
  problems.push(...templateProblems(target.body, `${pointer}/body`, at));
  problems.push(...durationBoundsProblems(target.timeout, `${pointer}/timeout`, { label: "'timeout'", above: 0, max: MAX_TIMEOUT_MS }, at));
  const status = target.expectStatus;
  if (Array.isArray(status) && status[0] > status[1]) {
    problems.push(at.problem(`${pointer}/expectStatus`, `'expectStatus' is a range [min, max]: ${status[0]} is above ${status[1]}`));
  }
  if (target.sign?.header !== undefined) problems.push(...headerProblems(target.sign.header, `${pointer}/sign/header`, "value", at));
  return problems;
}

function retryProblems(retry: TargetDocument["retry"], pointer: string, at: ProblemLocator): ConfigProblem[] {
  if (retry === undefined) return [];
  const problems = durationBoundsProblems(retry.maxAge, `${pointer}/maxAge`, { label: "'retry.maxAge'", above: 0 }, at);
  const backoff = retry.backoff === undefined ? DEFAULT_RETRY.backoffMs : parseDuration(retry.backoff);
  const maxBackoff = retry.maxBackoff === undefined ? DEFAULT_RETRY.maxBackoffMs : parseDuration(retry.maxBackoff);
  if (backoff > maxBackoff) {
    const field = retry.backoff === undefined ? "maxBackoff" : "backoff";
    problems.push(
      at.problem(
        `${pointer}/${field}`,
        `'retry.backoff' (${formatMs(backoff)}) is longer than 'retry.maxBackoff' (${formatMs(maxBackoff)}); lower backoff or raise maxBackoff`,
      ),
    );
  }
  return problems;
}
