// Ordering the vertices inside each layer to reduce edge crossings: the barycentre heuristic
// (Sugiyama et al.). Sweeping down, each vertex moves to the mean position of its neighbours in
// the layer above; sweeping up, of those below; vertices without neighbours there keep their
// place. Crossings are counted after each sweep (with a Fenwick tree, O(E log V) per layer pair)
// and the best ordering seen wins. Vertices are numbers; `up[v]`/`down[v]` are the neighbours of
// v in the layer above/below (long edges were already cut into one-layer segments by dummies).

/** Crossings between two adjacent layers, given the segments between them. */
export function countCrossings(top: readonly number[], bottom: readonly number[], down: readonly (readonly number[])[]): number {
  const posBottom = new Map<number, number>();
  bottom.forEach((v, i) => posBottom.set(v, i));
  // Segments sorted by their top end, then their bottom end: inversions of the bottom ends are crossings.
  const ends: number[] = [];
  for (const v of top) {
    const list = (down[v] ?? []).map((w) => posBottom.get(w) ?? 0).sort((a, b) => a - b);
    for (const p of list) ends.push(p);
  }
  const size = bottom.length;
  const tree = new Int32Array(size + 1);
  let crossings = 0;
  let inserted = 0;
  for (const p of ends) {
    // Already inserted ends strictly greater than p cross this segment.
    let atMost = 0;
    for (let i = p + 1; i > 0; i -= i & -i) atMost += tree[i] ?? 0;
    crossings += inserted - atMost;
    for (let i = p + 1; i <= size; i += i & -i) tree[i] = (tree[i] ?? 0) + 1;
    inserted++;
  }
  return crossings;
}

/** Total crossings of an ordering. */
export function totalCrossings(layers: readonly (readonly number[])[], down: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let l = 0; l + 1 < layers.length; l++) sum += countCrossings(layers[l] ?? [], layers[l + 1] ?? [], down);
  return sum;
}

/** Reorders `layer` by the barycentre of each vertex's neighbours (positions in `fixed`). */
function reorder(layer: readonly number[], neighbours: readonly (readonly number[])[], fixedPos: ReadonlyMap<number, number>): number[] {
  const movable: { v: number; bc: number; at: number }[] = [];
  const pinned: { v: number; at: number }[] = [];
  layer.forEach((v, at) => {
    const list = neighbours[v] ?? [];
    if (list.length === 0) pinned.push({ v, at });
    else {
      let sum = 0;
      for (const w of list) sum += fixedPos.get(w) ?? 0;
      movable.push({ v, bc: sum / list.length, at });
    }
  });
  // Stable: equal barycentres keep their current order.
  movable.sort((a, b) => a.bc - b.bc || a.at - b.at);
  const out: number[] = movable.map((m) => m.v);
  // Vertices without neighbours go back to their own index.
  for (const p of pinned) out.splice(Math.min(p.at, out.length), 0, p.v);
  return out;
}

function positions(layer: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  layer.forEach((v, i) => map.set(v, i));
  return map;
}

/** The ordering with the fewest crossings found in at most `sweeps` alternating sweeps, and its crossing count. */
export function orderLayers(initial: readonly (readonly number[])[], up: readonly (readonly number[])[], down: readonly (readonly number[])[], sweeps = 24): { layers: number[][]; crossings: number } {
  let layers = initial.map((l) => [...l]);
  let best = layers.map((l) => [...l]);
  let bestCrossings = totalCrossings(layers, down);
  let sinceBetter = 0;
  for (let s = 0; s < sweeps && bestCrossings > 0 && sinceBetter < 6; s++) {
    const next = layers.map((l) => [...l]);
    if (s % 2 === 0) {
      for (let l = 1; l < next.length; l++) next[l] = reorder(next[l] ?? [], up, positions(next[l - 1] ?? []));
    } else {
      for (let l = next.length - 2; l >= 0; l--) next[l] = reorder(next[l] ?? [], down, positions(next[l + 1] ?? []));
    }
    layers = next;
    const crossings = totalCrossings(layers, down);
    if (crossings < bestCrossings) {
      best = layers.map((l) => [...l]);
      bestCrossings = crossings;
      sinceBetter = 0;
    } else sinceBetter++;
  }
  return { layers: best, crossings: bestCrossings };
}
