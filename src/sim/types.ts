// The simulator's vocabulary, shared by its fleet model (`fleet.ts` and friends), its wire
// protocols (`tencent-*.ts`, `aliyun-*.ts`), its control API and the drills that drive it. The
// fleet is cloud-neutral inside (one state machine, upper-case states as Tencent spells them);
// each protocol presents it in its own vendor's words (Alibaba's `Running`, Tencent's
// `RUNNING`) and error codes.

/** Which cloud an instance belongs to, and so which API and which event format speak for it. */
export type SimCloud = "tencent" | "aliyun";

/**
 * An instance's life. PENDING → RUNNING on creation; STOPPING → STOPPED → STARTING → RUNNING;
 * REBOOTING → RUNNING; RELEASED once deleted (kept in the fleet so it can still be described).
 */
export type SimInstanceState = "PENDING" | "RUNNING" | "STOPPING" | "STOPPED" | "STARTING" | "REBOOTING" | "RELEASED";

/** The faults the seed documents name, plus the disk-usage alarm of Whale's practice. */
export const SIM_FAULT_KINDS = [
  "ping_unreachable",
  "disk_readonly",
  "kernel_fault",
  "oom",
  "instance_restarted",
  "unexpected_stop",
  "conn_limit_packet_loss",
  "bandwidth_limit_packet_loss",
  "preemptible_interruption",
  "disk_usage_high",
] as const;
export type SimFaultKind = (typeof SIM_FAULT_KINDS)[number];

/** How long the simulated cloud takes, in milliseconds of simulated time. */
export interface SimTimings {
  /** PENDING → RUNNING, and STARTING → RUNNING. */
  bootMs: number;
  /** STOPPING → STOPPED. */
  stopMs: number;
  /** REBOOTING → RUNNING. */
  rebootMs: number;
  /** CreateSnapshot: CREATING → NORMAL. */
  snapshotMs: number;
  /** A TAT / command invocation: RUNNING → SUCCESS or FAILED. */
  commandMs: number;
  /** Preemptible interruption notice → release (the clouds say 5 minutes). */
  releaseNoticeMs: number;
}

/** The defaults: about the real clouds' order of magnitude, before time scaling. */
export const DEFAULT_SIM_TIMINGS: SimTimings = {
  bootMs: 20_000,
  stopMs: 10_000,
  rebootMs: 30_000,
  snapshotMs: 5_000,
  commandMs: 2_000,
  releaseNoticeMs: 300_000,
};

/** What an instance is created with. Unset fields get defaults (a name, a private IP, …). */
export interface SimInstanceSpec {
  /** Default: `ins-` + 8 characters for Tencent, `i-` + 20 characters for Alibaba. */
  id?: string;
  cloud: SimCloud;
  name?: string;
  /** Default: `ap-guangzhou` (Tencent), `cn-hangzhou` (Alibaba). */
  region?: string;
  zone?: string;
  privateIp?: string;
  /** Tags, e.g. `{env: prod, app: shop}`. */
  tags?: Readonly<Record<string, string>>;
  preemptible?: boolean;
  /** The business process a command restarts (default `app`). */
  process?: string;
  /** Data disks besides the system disk (default 0). */
  dataDisks?: number;
  /** Start in this state instead of going through PENDING (default: PENDING, then RUNNING after bootMs). */
  state?: "RUNNING" | "STOPPED";
}

/** A disk: its content version moves on with writes; snapshots keep a version to go back to. */
export interface SimDisk {
  id: string;
  instanceId: string;
  kind: "SYSTEM_DISK" | "DATA_DISK";
  sizeGb: number;
  /** Content version; a rollback sets it to the snapshot's. */
  version: number;
  /** Versions known to be bad (a faulty kernel update); booting one of them panics. */
  badVersions: number[];
  readOnly: boolean;
  /** Used space, percent. */
  usagePercent: number;
}

export interface SimSnapshot {
  id: string;
  diskId: string;
  name: string;
  version: number;
  state: "CREATING" | "NORMAL";
  createdAt: string;
}

/** One fault on one instance, from injection to clearing. */
export interface SimFault {
  id: string;
  instanceId: string;
  kind: SimFaultKind;
  injectedAt: string;
  /** Set when the right remediation happened (or, for self-clearing faults, when it passed). */
  clearedAt?: string;
  /** What cleared it, in words ("rebooted", "process restarted by inv-…", "rolled back to snap-…"). */
  clearedBy?: string;
  /** A fault that could no longer be healed (a preemptible instance released while still in its SLB group). */
  failedAt?: string;
  failure?: string;
}

/** An instance as the control API and the drills see it. */
export interface SimInstance {
  id: string;
  cloud: SimCloud;
  name: string;
  region: string;
  zone: string;
  privateIp: string;
  state: SimInstanceState;
  stateSince: string;
  tags: Record<string, string>;
  preemptible: boolean;
  process: { name: string; running: boolean; restarts: number };
  /** Answers ping (false during `ping_unreachable`, a kernel panic, or when not RUNNING). */
  reachable: boolean;
  diskIds: string[];
  createdAt: string;
  releasedAt?: string;
  /** Faults not yet cleared or failed. */
  activeFaults: SimFaultKind[];
}

/** A command run on instances (Tencent TAT `RunCommand`). */
export interface SimInvocation {
  id: string;
  command: string;
  instanceIds: string[];
  createdAt: string;
  tasks: SimInvocationTask[];
}

export interface SimInvocationTask {
  id: string;
  invocationId: string;
  instanceId: string;
  status: "PENDING" | "RUNNING" | "SUCCESS" | "FAILED";
  exitCode?: number;
  output: string;
  startedAt?: string;
  finishedAt?: string;
}

/** An Alibaba SLB vserver group and its backends. */
export interface SimVServerGroup {
  id: string;
  name: string;
  loadBalancerId: string;
  region: string;
  backends: SimBackend[];
}

export interface SimBackend {
  serverId: string;
  port: number;
  weight: number;
}

/**
 * An event the simulated cloud emits, already in its vendor's format: a Tencent EventBridge
 * CloudEvent (`format: "tencent"`, sent to Reflex's `/api/v1/ingest/tencent`) or an Alibaba
 * CloudMonitor event (`format: "aliyun"`, sent to `/api/v1/ingest/aliyun`).
 */
export interface SimEmittedEvent {
  format: SimCloud;
  instanceId: string;
  body: Record<string, unknown>;
  emittedAt: string;
}

/** A chat message the simulator's stand-in robot webhook received. */
export interface SimChatMessage {
  /** The robot key (WeCom's `key` query parameter) or the path it was posted to. */
  channel: string;
  text: string;
  receivedAt: string;
  /** The request body as received. */
  body: unknown;
}

/** Credentials the simulated clouds accept. */
export interface SimCredentials {
  tencent: { secretId: string; secretKey: string };
  aliyun: { accessKeyId: string; accessKeySecret: string };
}

/**
 * Refused cloud operation, in cloud-neutral terms; each protocol maps `code` to its vendor's
 * code and HTTP status (Tencent `InvalidInstanceId.NotFound`, Alibaba `InvalidInstanceId.NotFound` 404, …).
 */
export type SimErrorCode =
  | "NotFound"
  | "IncorrectState"
  | "InvalidParameter"
  | "Unsupported";

export class SimOperationError extends Error {
  override readonly name = "SimOperationError";
  constructor(
    readonly code: SimErrorCode,
    message: string,
    /** The id of the resource the error is about. */
    readonly resource?: string,
  ) {
    super(message);
  }
}

/** Filters of the describe operations; empty lists and unset fields filter nothing. */
export interface SimInstanceFilter {
  ids?: readonly string[];
  cloud?: SimCloud;
  region?: string;
  states?: readonly SimInstanceState[];
  /** Include released instances (default false, as the clouds' Describe calls do). */
  released?: boolean;
}

/**
 * What the wire protocols, the control API and the drills may ask of the fleet. Every operation
 * checks the instances' states the way the cloud does and throws SimOperationError otherwise;
 * transitions then run on the fleet's timers (`SimTimings` divided by the speed).
 */
export interface SimFleetApi {
  describeInstances(filter?: SimInstanceFilter): SimInstance[];
  /** Throws NotFound. */
  instance(id: string): SimInstance;
  /** Creates instances (PENDING, then RUNNING after bootMs, unless `spec.state` says otherwise). */
  createInstances(specs: readonly SimInstanceSpec[]): SimInstance[];
  startInstances(ids: readonly string[]): void;
  stopInstances(ids: readonly string[], options?: { force?: boolean }): void;
  rebootInstances(ids: readonly string[]): void;
  /** Releases (deletes) instances: they leave their SLB groups and go RELEASED. */
  releaseInstances(ids: readonly string[]): void;

  describeDisks(filter?: { diskIds?: readonly string[]; instanceIds?: readonly string[] }): SimDisk[];
  createSnapshot(diskId: string, name?: string): SimSnapshot;
  describeSnapshots(filter?: { snapshotIds?: readonly string[]; diskIds?: readonly string[] }): SimSnapshot[];
  /** Rolls a disk back to a snapshot's version; the disk's instance must be STOPPED (as on Tencent CBS). */
  applySnapshot(snapshotId: string, diskId: string): void;

  /** Runs a command on RUNNING instances; each task ends after commandMs. */
  runCommand(instanceIds: readonly string[], command: string): SimInvocation;
  describeInvocationTasks(filter?: { invocationIds?: readonly string[]; taskIds?: readonly string[]; instanceIds?: readonly string[] }): SimInvocationTask[];

  describeVServerGroups(filter?: { loadBalancerId?: string; ids?: readonly string[] }): SimVServerGroup[];
  createVServerGroup(spec: { loadBalancerId: string; name: string; region?: string; backends?: readonly SimBackend[] }): SimVServerGroup;
  addBackendServers(groupId: string, backends: readonly SimBackend[]): SimVServerGroup;
  removeBackendServers(groupId: string, backends: readonly Pick<SimBackend, "serverId" | "port">[]): SimVServerGroup;

  /** Injects a fault; throws IncorrectState when it cannot apply (e.g. a preemptible interruption on an on-demand instance). */
  injectFault(instanceId: string, kind: SimFaultKind): SimFault;
  faults(filter?: { instanceId?: string; active?: boolean }): SimFault[];

  /** Every event emitted so far (bounded, newest last). */
  emittedEvents(): SimEmittedEvent[];
  /** Calls `listener` with each event as it is emitted; returns the unsubscribe function. */
  onEvent(listener: (event: SimEmittedEvent) => void): () => void;
  /** Calls `listener` with an instance each time its state changes; returns the unsubscribe function. */
  onInstanceState(listener: (instance: SimInstance) => void): () => void;
  /** Calls `listener` with each fault as it is injected, cleared or failed. */
  onFault(listener: (fault: SimFault) => void): () => void;
  /** Stops every timer. */
  close(): void;
}
