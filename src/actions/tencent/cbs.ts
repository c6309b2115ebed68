// The CBS (Cloud Block Storage) actions: snapshot a disk before a risky change, roll a disk
// back to a snapshot, and look disks and snapshots up. Each is one API call through the SDK's
// CommonClient (CBS API 2017-03-12); the result is the API's response (`SnapshotId`,
// `SnapshotSet`, `DiskSet`, `TotalCount`, `RequestId`).
import type { AnyActionDefinition } from "../registry.js";
import { apiAction } from "./api-action.js";
import { FILTERS, LIMIT, OFFSET, describeFilters, idList } from "./schemas.js";
import type { FilterInput } from "./schemas.js";
import type { TencentApi } from "./tencent-api.js";

/** Input of `tencent.cbs.create_snapshot`. */
export type CreateSnapshotInput = { region: string; diskId: string; snapshotName?: string; deadline?: string };
/** Input of `tencent.cbs.apply_snapshot`. */
export type ApplySnapshotInput = { region: string; snapshotId: string; diskId: string; autoStopInstance?: boolean; autoStartInstance?: boolean };
/** Input of `tencent.cbs.describe_snapshots`. */
export type DescribeSnapshotsInput = { region: string; snapshotIds?: string[]; filters?: FilterInput[]; offset?: number; limit?: number; order?: "ASC" | "DESC" };
/** Input of `tencent.cbs.describe_disks`. */
export type DescribeDisksInput = { region: string; diskIds?: string[]; filters?: FilterInput[]; offset?: number; limit?: number };

const ID = { type: "string", minLength: 1, maxLength: 64 };

/** The CBS actions, calling through `api`. */
export function cbsActions(api: TencentApi): AnyActionDefinition[] {
  return [
    apiAction<CreateSnapshotInput>(api, {
      ref: "tencent.cbs.create_snapshot",
      description: "Snapshots a cloud disk; returns {SnapshotId, RequestId}.",
      product: "cbs",
      action: "CreateSnapshot",
      properties: {
        diskId: ID,
        snapshotName: { type: "string", minLength: 1, maxLength: 60 },
        deadline: { type: "string", format: "date-time", description: "when the snapshot is deleted by itself (UTC, ISO 8601)" },
      },
      required: ["diskId"],
      params: (input) => ({ DiskId: input.diskId, SnapshotName: input.snapshotName, Deadline: input.deadline }),
      subject: (input) => input.diskId,
    }),
    apiAction<ApplySnapshotInput>(api, {
      ref: "tencent.cbs.apply_snapshot",
      description: "Rolls a cloud disk back to a snapshot of it; returns {RequestId}.",
      product: "cbs",
      action: "ApplySnapshot",
      properties: {
        snapshotId: ID,
        diskId: ID,
        autoStopInstance: { type: "boolean", description: "stop the instance the disk is attached to first (the API refuses a running one otherwise)" },
        autoStartInstance: { type: "boolean", description: "start the instance again afterwards (with autoStopInstance)" },
      },
      required: ["snapshotId", "diskId"],
      params: (input) => ({ SnapshotId: input.snapshotId, DiskId: input.diskId, AutoStopInstance: input.autoStopInstance, AutoStartInstance: input.autoStartInstance }),
      subject: (input) => `${input.snapshotId} → ${input.diskId}`,
    }),
    apiAction<DescribeSnapshotsInput>(api, {
      ref: "tencent.cbs.describe_snapshots",
      description: "Looks snapshots up by id or filters; returns {TotalCount, SnapshotSet, RequestId}.",
      product: "cbs",
      action: "DescribeSnapshots",
      properties: { snapshotIds: idList("snapshot"), filters: FILTERS, offset: OFFSET, limit: LIMIT, order: { enum: ["ASC", "DESC"], description: "by creation time" } },
      params: (input) => ({
        SnapshotIds: input.snapshotIds,
        Filters: describeFilters("tencent.cbs.describe_snapshots", "snapshotIds", input.snapshotIds, input.filters),
        Offset: input.offset,
        Limit: input.limit,
        ...(input.order ? { Order: input.order, OrderField: "CREATE_TIME" } : {}),
      }),
    }),
    apiAction<DescribeDisksInput>(api, {
      ref: "tencent.cbs.describe_disks",
      description: "Looks cloud disks up by id or filters; returns {TotalCount, DiskSet, RequestId}.",
      product: "cbs",
      action: "DescribeDisks",
      properties: { diskIds: idList("disk"), filters: FILTERS, offset: OFFSET, limit: LIMIT },
      params: (input) => ({
        DiskIds: input.diskIds,
        Filters: describeFilters("tencent.cbs.describe_disks", "diskIds", input.diskIds, input.filters),
        Offset: input.offset,
        Limit: input.limit,
      }),
    }),
  ];
}
