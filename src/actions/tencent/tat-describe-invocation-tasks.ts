// `tencent.tat.describe_invocation_tasks`: looks TAT invocation tasks up — by task id, or by
// filters such as `invocation-id` or `instance-id` — to read what a command did on each
// instance. The result is the API's response: `InvocationTaskSet` (each task's `TaskStatus`,
// and `TaskResult.ExitCode` and `TaskResult.Output`, base64 as TAT keeps it), `TotalCount`.
import type { ActionDefinition } from "../types.js";
import { apiAction } from "./api-action.js";
import { FILTERS, LIMIT, OFFSET, describeFilters, idList } from "./schemas.js";
import type { FilterInput } from "./schemas.js";
import type { TencentApi } from "./tencent-api.js";

/** Input of `tencent.tat.describe_invocation_tasks`. */
export type DescribeInvocationTasksInput = {
  region: string;
  invocationTaskIds?: string[];
  filters?: FilterInput[];
  offset?: number;
  limit?: number;
  /** Leave the output out of the answer (TAT's default is to hide it). */
  hideOutput?: boolean;
};

/** `tencent.tat.describe_invocation_tasks` calling through `api`. */
export function describeInvocationTasksAction(api: TencentApi): ActionDefinition<DescribeInvocationTasksInput> {
  return apiAction<DescribeInvocationTasksInput>(api, {
    ref: "tencent.tat.describe_invocation_tasks",
    description: "Looks TAT invocation tasks up by id or filters; returns {TotalCount, InvocationTaskSet, RequestId}.",
    product: "tat",
    action: "DescribeInvocationTasks",
    properties: { invocationTaskIds: idList("invocation task"), filters: FILTERS, offset: OFFSET, limit: LIMIT, hideOutput: { type: "boolean" } },
    params: (input) => ({
      InvocationTaskIds: input.invocationTaskIds,
      Filters: describeFilters("tencent.tat.describe_invocation_tasks", "invocationTaskIds", input.invocationTaskIds, input.filters),
      Offset: input.offset,
      Limit: input.limit,
      HideOutput: input.hideOutput,
    }),
  });
}
