// Hot reload of a config directory: watches it (recursively) and, once changes settle, loads it
// again and hands the whole result to the caller, good or bad. Keeping the running config when
// the new one has problems, and logging them, is the caller's decision: this file only makes
// sure loads happen one at a time, in order, and never throw for anything in the files.
// `reload()` forces a load (the server calls it on SIGHUP).
import type { FSWatcher } from "node:fs";
import { watch } from "node:fs";
import type { ConfigLoadResult, LoadConfigOptions } from "./load.js";
import { loadConfigDir } from "./load.js";

/** Options of `watchConfig`; the load options (`actions`, `roots`, `skip`) are passed to every load (see `loadConfigDir`). */
export interface WatchConfigOptions extends LoadConfigOptions {
  /** Quiet time after the last file change before loading (default 200 ms): an editor's save is several events. */
  debounceMs?: number;
  /**
   * Receives what goes wrong outside the files: the watcher failing (the directory was removed)
   * and errors thrown by `onReload` in a reload the watcher started. Without it, such an error
   * is rethrown as an uncaught exception.
   */
  onError?: (err: unknown) => void;
}

/** A running watch on a config directory. */
export interface ConfigWatcher {
  /** Loads the directory now (after any load under way) and calls `onReload`; rejects only if `onReload` throws. */
  reload(): Promise<void>;
  /** Stops watching; loads under way finish without calling `onReload`. */
  close(): void;
}

/** Default quiet time before a reload, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 200;

/**
 * Watches `dir` and calls `onReload` with each new load result. Does not load at start: the
 * caller loads first (`loadConfigDir`), then watches.
 */
export function watchConfig(dir: string, onReload: (result: ConfigLoadResult) => void, opts: WatchConfigOptions = {}): ConfigWatcher {
  const debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const onError =
    opts.onError ??
    ((err: unknown) =>
      process.nextTick(() => {
        throw err;
      }));
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  const reload = (): Promise<void> => {
    const run = queue.then(async () => {
      if (closed) return;
      const result = await loadConfigDir(dir, { actions: opts.actions, roots: opts.roots, skip: opts.skip });
      if (!closed) onReload(result);
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const changed = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reload().catch(onError);
    }, debounceMs);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, changed);
    watcher.on("error", onError);
  } catch (err) {
    onError(err);
  }

  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
