// TAT-like commands: tasks on timers, outcomes read from the text, the restart and cleanup
// effects, and the refusals (not RUNNING, unknown, empty, agent offline).
import { describe, expect, it } from "vitest";
import { expectSimError, fastFleet, runningInstance, until, untilState, untilTaskDone } from "./fleet-support.js";

describe("fleet: commands", () => {
  it("runs a command on each instance: RUNNING, then SUCCESS with output ok", async () => {
    const fleet = fastFleet();
    const a = runningInstance(fleet);
    const b = runningInstance(fleet);
    const invocation = fleet.runCommand([a.id, b.id, a.id], "uptime");
    expect(invocation.id).toMatch(/^inv-[a-z0-9]{8}$/);
    expect(invocation.instanceIds).toEqual([a.id, b.id]);
    expect(invocation.tasks.map((t) => t.status)).toEqual(["RUNNING", "RUNNING"]);
    expect(invocation.tasks[0]?.id).toMatch(/^invt-[a-z0-9]{8}$/);
    await until(() => fleet.describeInvocationTasks({ invocationIds: [invocation.id] }).every((t) => t.status === "SUCCESS"), "both tasks to succeed");
    const [task] = fleet.describeInvocationTasks({ instanceIds: [b.id] });
    expect(task).toMatchObject({ instanceId: b.id, invocationId: invocation.id, status: "SUCCESS", exitCode: 0, output: "ok\n" });
    expect(task?.finishedAt).toBeDefined();
    expect(fleet.describeInvocationTasks({ taskIds: [task?.id ?? ""] })).toHaveLength(1);
  });

  it("fails with the exit code a command text names", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const task = await untilTaskDone(fleet, fleet.runCommand([id], "./deploy.sh || exit 3").id);
    expect(task).toMatchObject({ status: "FAILED", exitCode: 3 });
    expect((await untilTaskDone(fleet, fleet.runCommand([id], "true; exit 0").id)).status).toBe("SUCCESS");
  });

  it("a restart command restarts the business process", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet, "tencent", { process: "nginx" });
    await untilTaskDone(fleet, fleet.runCommand([id], "systemctl restart nginx").id);
    expect(fleet.instance(id).process).toEqual({ name: "nginx", running: true, restarts: 1 });
  });

  it("refuses instances that are not RUNNING, unknown ones and empty commands", () => {
    const fleet = fastFleet();
    const stopped = runningInstance(fleet, "tencent", { state: "STOPPED" });
    const running = runningInstance(fleet);
    expectSimError(() => fleet.runCommand([running.id, stopped.id], "uptime"), "IncorrectState", new RegExp(`RunCommand needs instance ${stopped.id} to be RUNNING, but it is STOPPED`));
    expect(fleet.describeInvocationTasks()).toEqual([]);
    expectSimError(() => fleet.runCommand(["ins-nothere"], "uptime"), "NotFound");
    expectSimError(() => fleet.runCommand([running.id], "  "), "InvalidParameter", /empty/);
    expectSimError(() => fleet.runCommand([], "uptime"), "InvalidParameter");
  });

  it("fails a task whose instance stops before the command finished", async () => {
    const fleet = fastFleet({ timings: { commandMs: 40_000 } });
    const { id } = runningInstance(fleet);
    const invocation = fleet.runCommand([id], "sleep 30");
    fleet.stopInstances([id]);
    const task = await untilTaskDone(fleet, invocation.id);
    expect(task.status).toBe("FAILED");
    expect(task.output).toMatch(/became STOPP/);
    await untilState(fleet, id, "STOPPED");
  });
});
