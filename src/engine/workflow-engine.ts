// The engine put together: its job handlers for the worker (task runs, approval timeouts, and
// the rules' `workflow.start`), and the service for the API and the CLI.
import { isJsonObject } from "../core/json.js";
import { WORKFLOW_START_JOB } from "../core/workflow-jobs.js";
import type { JsonValue } from "../core/json.js";
import { ReflexError } from "../core/errors.js";
import type { JobHandler } from "../queue/job-handler.js";
import { PermanentJobError } from "../queue/permanent-job-error.js";
import { expireApproval } from "./approvals.js";
import type { EngineDeps } from "./engine-deps.js";
import { APPROVAL_TIMEOUT_JOB, TASK_JOB, parseApprovalTimeoutJob } from "./engine-jobs.js";
import { ExecutionService } from "./execution-service.js";
import { pausedAll } from "./pause-all.js";
import { taskJobHandler } from "./run-task.js";
import { startExecution } from "./start-execution.js";
import { runStep } from "./step.js";

export interface WorkflowEngine {
  service: ExecutionService;
  /** Job kind → handler, for the worker. */
  handlers: Record<string, JobHandler>;
}

export function createWorkflowEngine(deps: EngineDeps): WorkflowEngine {
  return {
    service: new ExecutionService(deps),
    handlers: {
      [TASK_JOB]: taskJobHandler(deps),
      [APPROVAL_TIMEOUT_JOB]: async (job) => {
        const { approvalId } = parseApprovalTimeoutJob(job.payload);
        await runStep(deps, (step) => expireApproval(step, approvalId));
      },
      [WORKFLOW_START_JOB]: async (job): Promise<JsonValue> => {
        const payload = job.payload;
        if (!isJsonObject(payload) || typeof payload.workflow !== "string" || !isJsonObject(payload.input)) {
          throw new PermanentJobError(`${JSON.stringify(payload).slice(0, 200)} is not a ${WORKFLOW_START_JOB} payload: it needs workflow (a name) and input (an object)`);
        }
        const { workflow, input, event } = payload;
        const deliveryId = typeof payload.deliveryId === "string" ? payload.deliveryId : job.id;
        try {
          const started = await runStep(deps, async (step) =>
            startExecution(step, {
              workflow,
              input,
              trigger: { kind: "rule", deliveryId, ...(isJsonObject(event) ? { event: { id: event.id ?? null, source: event.source ?? null, type: event.type ?? null, subject: event.subject ?? null } } : {}) },
              triggerKey: `delivery:${deliveryId}`,
              paused: await pausedAll(step.db),
              ...(event === undefined ? {} : { event }),
            }),
          );
          return { executionId: started.id, status: started.status, created: started.created };
        } catch (err) {
          if (err instanceof ReflexError && err.status < 500) throw new PermanentJobError(err.message);
          throw err;
        }
      },
    },
  };
}
