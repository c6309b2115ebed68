// Public API of the scheduler: the service a scheduler node runs and the events it emits.
export { Scheduler } from "./scheduler.js";
export type { SchedulerOptions } from "./scheduler.js";
export { scheduleSource } from "./schedule-event.js";
