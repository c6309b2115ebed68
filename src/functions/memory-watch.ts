// `--max-old-space-size` caps a function's JavaScript heap, but not the memory it holds outside
// the heap (Buffers, typed arrays, native modules). So Reflex also samples the process's
// resident size from `/proc/<pid>/status` and kills a process that goes past its cap plus the
// runtime's own share. Where there is no `/proc` (macOS), only the heap cap applies.
import { readFile } from "node:fs/promises";

/** Resident memory Node itself needs besides the function's own (code, runtime, young heap), in MiB. */
export const RUNTIME_ALLOWANCE_MIB = 96;

/** How often the resident size is sampled unless told otherwise. */
export const DEFAULT_MEMORY_POLL_MS = 100;

/**
 * Samples the resident size of process `pid` every `everyMs` and calls `exceeded` once when it
 * is above `limitBytes`. Returns the function that stops watching.
 */
export function watchMemory(pid: number, limitBytes: number, everyMs: number, exceeded: (rssBytes: number) => void): () => void {
  let reading = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (reading || stopped) return;
    reading = true;
    // residentBytes never rejects.
    void residentBytes(pid).then((rss) => {
      reading = false;
      if (rss === undefined) stop();
      else if (rss > limitBytes && !stopped) {
        stop();
        exceeded(rss);
      }
    });
  }, everyMs);
  timer.unref();
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

/** The process's resident size (`VmRSS`), or undefined when it cannot be read (no /proc, process gone). */
async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
