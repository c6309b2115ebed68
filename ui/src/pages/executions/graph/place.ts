// Positions along each layer, once the order is fixed: every vertex is pulled towards the mean
// position of its neighbours in the layer before (then after, then both), and each layer is
// then spread so boxes keep their order and never overlap. The spreading averages a
// left-to-right and a right-to-left pass: both keep every gap, so their mean does too, and
// neither side of a crowded layer is favoured. Positions are centres, in the same unit as widths.

/** Centres of vertices placed in order with at least `gap` between neighbouring boxes, as close to `want` as that allows. */
export function spread(layer: readonly number[], want: readonly number[], breadth: readonly number[], gap: number): number[] {
  const n = layer.length;
  if (n === 0) return [];
  const sep = (i: number): number => ((breadth[layer[i] ?? 0] ?? 0) + (breadth[layer[i + 1] ?? 0] ?? 0)) / 2 + gap;
  const left = new Array<number>(n);
  const right = new Array<number>(n);
  left[0] = want[0] ?? 0;
  for (let i = 1; i < n; i++) left[i] = Math.max(want[i] ?? 0, (left[i - 1] ?? 0) + sep(i - 1));
  right[n - 1] = want[n - 1] ?? 0;
  for (let i = n - 2; i >= 0; i--) right[i] = Math.min(want[i] ?? 0, (right[i + 1] ?? 0) - sep(i));
  return left.map((l, i) => (l + (right[i] ?? 0)) / 2);
}

/** Places every layer; answers the centre of each vertex (indexed by vertex). */
export function placeLayers(layers: readonly (readonly number[])[], breadth: readonly number[], up: readonly (readonly number[])[], down: readonly (readonly number[])[], gap: number, passes = 8): Float64Array {
  const x = new Float64Array(breadth.length);
  // Start packed and centred on 0.
  for (const layer of layers) {
    let at = 0;
    const centres: number[] = [];
    layer.forEach((v, i) => {
      if (i > 0) at += ((breadth[layer[i - 1] ?? 0] ?? 0) + (breadth[v] ?? 0)) / 2 + gap;
      centres.push(at);
    });
    const mid = at / 2;
    layer.forEach((v, i) => (x[v] = (centres[i] ?? 0) - mid));
  }
  const mean = (list: readonly number[], fallback: number): number => {
    if (list.length === 0) return fallback;
    let sum = 0;
    for (const w of list) sum += x[w] ?? 0;
    return sum / list.length;
  };
  const pass = (layer: readonly number[], neighboursOf: (v: number) => readonly number[]): void => {
    const want = layer.map((v) => mean(neighboursOf(v), x[v] ?? 0));
    spread(layer, want, breadth, gap).forEach((c, i) => (x[layer[i] ?? 0] = c));
  };
  for (let p = 0; p < passes; p++) {
    const last = p === passes - 1;
    if (p % 2 === 0) for (let l = 1; l < layers.length; l++) pass(layers[l] ?? [], (v) => (last ? [...(up[v] ?? []), ...(down[v] ?? [])] : (up[v] ?? [])));
    else for (let l = layers.length - 2; l >= 0; l--) pass(layers[l] ?? [], (v) => (last ? [...(up[v] ?? []), ...(down[v] ?? [])] : (down[v] ?? [])));
  }
  return x;
}
