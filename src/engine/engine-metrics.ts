// Prometheus metrics of the workflow engine, registered on the server's registry:
// `reflex_executions_total{workflow,status}` (executions that ended, by final status) and
// `reflex_task_duration_seconds{action,status}` (each finished action run, with its outcome).
import { Counter, Histogram } from "prom-client";
import type { Registry } from "prom-client";
import type { EngineObserver } from "./engine-deps.js";

export class EngineMetrics implements EngineObserver {
  private readonly executions: Counter<"workflow" | "status">;
  private readonly tasks: Histogram<"action" | "status">;

  constructor(registry: Registry) {
    this.executions = new Counter({
      name: "reflex_executions_total",
      help: "Workflow executions that ended, by workflow and final status (succeeded, failed, canceled).",
      labelNames: ["workflow", "status"],
      registers: [registry],
    });
    this.tasks = new Histogram({
      name: "reflex_task_duration_seconds",
      help: "Action runs of workflow tasks, by action and outcome (succeeded, failed, timeout).",
      labelNames: ["action", "status"],
      buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30, 120, 600],
      registers: [registry],
    });
  }

  executionEnded(workflow: string, status: string): void {
    this.executions.inc({ workflow, status });
  }

  actionRan(action: string, status: string, seconds: number): void {
    this.tasks.observe({ action, status }, seconds);
  }
}
