// Lists of targets in the rule index's value lookups, kept as small as the common case allows:
// a key leading to one target holds it directly, a list only when there are several. The index
// is large and a lookup's cost is mostly the memory it touches, so every pointer saved counts.
import type { Sink } from "./string-trie.js";

/** One target, or several (targets are objects, never arrays). */
export type Targets<T> = T | T[];

/** Visits every target of a list. */
export function visitAll<T>(targets: readonly T[] | undefined, sink: Sink<T>): void {
  if (targets) for (let i = 0; i < targets.length; i++) sink.visit(targets[i] as T);
}

/** Visits one target or each of several. */
export function visitTargets<T extends object>(targets: Targets<T> | undefined, sink: Sink<T>): void {
  if (targets === undefined) return;
  if (Array.isArray(targets)) visitAll(targets, sink);
  else sink.visit(targets);
}

/** `targets` plus `target`. */
export function withTarget<T extends object>(targets: Targets<T> | undefined, target: T): Targets<T> {
  if (targets === undefined) return target;
  if (Array.isArray(targets)) {
    targets.push(target);
    return targets;
  }
  return [targets, target];
}

/** `targets` less one occurrence of `target`; `undefined` when none is left. */
export function withoutTarget<T extends object>(targets: Targets<T> | undefined, target: T): Targets<T> | undefined {
  if (targets === undefined || targets === target) return undefined;
  if (!Array.isArray(targets)) return targets;
  removeFromList(targets, target);
  return targets.length === 1 ? targets[0] : targets;
}

/** Adds `target` under `key`. */
export function addToMap<K, T extends object>(map: Map<K, Targets<T>>, key: K, target: T): void {
  map.set(key, withTarget(map.get(key), target));
}

/** Removes one occurrence of `target` under `key`, dropping the key when nothing is left. */
export function removeFromMap<K, T extends object>(map: Map<K, Targets<T>> | undefined, key: K, target: T): void {
  if (!map) return;
  const left = withoutTarget(map.get(key), target);
  if (left === undefined) map.delete(key);
  else map.set(key, left);
}

/** Removes one occurrence of `target` (order is not kept: targets are visited in any order). */
export function removeFromList<T>(list: T[] | undefined, target: T): void {
  const i = list?.indexOf(target) ?? -1;
  if (!list || i < 0) return;
  list[i] = list[list.length - 1] as T;
  list.pop();
}
