// A small layered ("Sugiyama") layout for workflow graphs, written for this console (no graph
// library): 1. cycles are broken by turning the back edges of a depth-first search from the
// entry tasks around; 2. each task goes to the layer of its longest path from an entry;
// 3. edges longer than one layer are cut by dummy vertices, one per layer crossed; 4. layers
// are ordered by barycentres to reduce crossings (order.ts); 5. positions along the layers are
// pulled towards neighbours (place.ts); 6. edges are routed through their dummies, attached to
// spread-out ports so parallel edges stay apart. Top-to-bottom or left-to-right. Pure and
// deterministic: the same definition always looks the same. 200 tasks lay out in a few ms.
import { orderLayers } from "./order";
import { placeLayers } from "./place";

/** A point in SVG user units. */
export interface Point {
  x: number;
  y: number;
}

/** Layers run top-to-bottom (TB) or left-to-right (LR). */
export type Direction = "TB" | "LR";

/** Sizes of the layout, in SVG user units. */
export interface LayoutOptions {
  direction: Direction;
  nodeWidth: number;
  nodeHeight: number;
  /** Space between layers. */
  layerGap: number;
  /** Space between neighbouring boxes of a layer. */
  nodeGap: number;
  /** Room a dummy vertex (a long edge passing through a layer) takes along the layer. */
  dummyBreadth: number;
  margin: number;
}

/** Defaults that fit the task nodes drawn by graph-node.tsx. */
export const DEFAULT_LAYOUT: LayoutOptions = { direction: "TB", nodeWidth: 248, nodeHeight: 66, layerGap: 58, nodeGap: 28, dummyBreadth: 14, margin: 24 };

/** A placed node: its box (top-left corner and size), layer and index in the layer. */
export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
  order: number;
}

/** A routed edge: the points to draw through, in drawing order (from → to). */
export interface LayoutEdge {
  /** Index of the edge in the input. */
  index: number;
  from: string;
  to: string;
  points: Point[];
  /** True for an edge going against the layers (a loop back to an earlier task). */
  back: boolean;
  /** True for a task leading to itself. */
  self: boolean;
}

/** A laid-out graph. */
export interface Layout {
  nodes: Map<string, LayoutNode>;
  edges: LayoutEdge[];
  width: number;
  height: number;
  layerCount: number;
  crossings: number;
  direction: Direction;
}

interface Chain {
  index: number;
  from: number;
  to: number;
  /** Vertices from the upper end to the lower end, dummies included. */
  path: number[];
  back: boolean;
}

/** Depth-first search from the entries (then any vertex left): the edges that close a cycle. */
function backEdges(n: number, out: readonly (readonly { to: number; index: number }[])[], entries: readonly number[]): Set<number> {
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const back = new Set<number>();
  const visit = (start: number): void => {
    const stack: { v: number; next: number }[] = [{ v: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const edges = out[top.v] ?? [];
      if (top.next >= edges.length) {
        state[top.v] = 2;
        stack.pop();
        continue;
      }
      const edge = edges[top.next++];
      if (edge === undefined) continue;
      if (state[edge.to] === 1) back.add(edge.index);
      else if (state[edge.to] === 0) {
        state[edge.to] = 1;
        stack.push({ v: edge.to, next: 0 });
      }
    }
  };
  for (const e of entries) if (state[e] === 0) visit(e);
  for (let v = 0; v < n; v++) if (state[v] === 0) visit(v);
  return back;
}

/** Longest-path layers over the acyclic edges (`pairs`: upper → lower). */
function longestPathLayers(n: number, pairs: readonly (readonly [number, number])[]): Int32Array {
  const layer = new Int32Array(n);
  const indegree = new Int32Array(n);
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) {
    succ[a]?.push(b);
    indegree[b] = (indegree[b] ?? 0) + 1;
  }
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] ?? 0;
    for (const w of succ[v] ?? []) {
      layer[w] = Math.max(layer[w] ?? 0, (layer[v] ?? 0) + 1);
      indegree[w] = (indegree[w] ?? 0) - 1;
      if (indegree[w] === 0) queue.push(w);
    }
  }
  return layer;
}

/** Lays out nodes `ids` (in document order) and `edges` between them; `entries` start the search for cycles. */
export function layoutGraph(ids: readonly string[], edges: readonly { from: string; to: string }[], entries: ReadonlySet<string>, options: LayoutOptions = DEFAULT_LAYOUT): Layout {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const out: { to: number; index: number }[][] = Array.from({ length: n }, () => []);
  const known: { from: number; to: number; index: number }[] = [];
  edges.forEach((e, i) => {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined) return;
    known.push({ from, to, index: i });
    if (from !== to) out[from]?.push({ to, index: i });
  });
  const back = backEdges(n, out, ids.flatMap((id, i) => (entries.has(id) ? [i] : [])));

  // Acyclic pairs (back edges turned around), without self-loops and duplicates.
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  for (const e of known) {
    if (e.from === e.to) continue;
    const [a, b] = back.has(e.index) ? [e.to, e.from] : [e.from, e.to];
    const key = `${a}:${b}`;
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push([a, b]);
    }
  }
  const layerOf = longestPathLayers(n, pairs);

  // Vertices: the nodes, then dummies; segments between adjacent layers only.
  const vertexLayer: number[] = Array.from(layerOf);
  const up: number[][] = Array.from({ length: n }, () => []);
  const down: number[][] = Array.from({ length: n }, () => []);
  const link = (a: number, b: number): void => {
    down[a]?.push(b);
    up[b]?.push(a);
  };
  const chains: Chain[] = [];
  for (const e of known) {
    if (e.from === e.to) {
      chains.push({ index: e.index, from: e.from, to: e.to, path: [e.from], back: false });
      continue;
    }
    const isBack = back.has(e.index);
    const [a, b] = isBack ? [e.to, e.from] : [e.from, e.to];
    const path = [a];
    let prev = a;
    for (let l = (layerOf[a] ?? 0) + 1; l < (layerOf[b] ?? 0); l++) {
      const dummy = vertexLayer.length;
      vertexLayer.push(l);
      up.push([]);
      down.push([]);
      link(prev, dummy);
      path.push(dummy);
      prev = dummy;
    }
    link(prev, b);
    path.push(b);
    chains.push({ index: e.index, from: e.from, to: e.to, path, back: isBack });
  }

  const layerCount = n === 0 ? 0 : Math.max(...vertexLayer) + 1;
  const initial: number[][] = Array.from({ length: layerCount }, () => []);
  vertexLayer.forEach((l, v) => initial[l]?.push(v));
  const { layers, crossings } = orderLayers(initial, up, down);

  const tb = options.direction === "TB";
  const breadthOfNode = tb ? options.nodeWidth : options.nodeHeight;
  const depth = tb ? options.nodeHeight : options.nodeWidth;
  const breadth = vertexLayer.map((_, v) => (v < n ? breadthOfNode : options.dummyBreadth));
  const centre = placeLayers(layers, breadth, up, down, options.nodeGap);

  let min = Infinity;
  let max = -Infinity;
  for (let v = 0; v < breadth.length; v++) {
    min = Math.min(min, (centre[v] ?? 0) - (breadth[v] ?? 0) / 2);
    max = Math.max(max, (centre[v] ?? 0) + (breadth[v] ?? 0) / 2);
  }
  if (!Number.isFinite(min)) {
    min = 0;
    max = 0;
  }
  const along = (v: number): number => (centre[v] ?? 0) - min + options.margin;
  const layerTop = (l: number): number => options.margin + l * (depth + options.layerGap);
  const toPoint = (u: number, d: number): Point => (tb ? { x: u, y: d } : { x: d, y: u });

  const position = new Map<number, number>();
  layers.forEach((layer) => layer.forEach((v, i) => position.set(v, i)));
  const nodes = new Map<string, LayoutNode>();
  ids.forEach((id, v) => {
    const u = along(v) - breadthOfNode / 2;
    const d = layerTop(layerOf[v] ?? 0);
    const corner = toPoint(u, d);
    nodes.set(id, { id, x: corner.x, y: corner.y, width: options.nodeWidth, height: options.nodeHeight, layer: layerOf[v] ?? 0, order: position.get(v) ?? 0 });
  });

  const ports = assignPorts(chains, n, along, breadthOfNode);
  const routed: LayoutEdge[] = chains.map((chain) => {
    if (chain.path.length === 1) return { index: chain.index, from: ids[chain.from] ?? "", to: ids[chain.to] ?? "", points: selfLoop(along(chain.from), layerTop(layerOf[chain.from] ?? 0), breadthOfNode, depth, toPoint), back: false, self: true };
    const points: Point[] = [];
    chain.path.forEach((v, i) => {
      const top = layerTop(vertexLayer[v] ?? 0);
      if (i === 0) points.push(toPoint(along(v) + (ports.get(`${chain.index}:0`) ?? 0), top + depth));
      else if (i === chain.path.length - 1) points.push(toPoint(along(v) + (ports.get(`${chain.index}:1`) ?? 0), top));
      else {
        points.push(toPoint(along(v), top));
        points.push(toPoint(along(v), top + depth));
      }
    });
    if (chain.back) points.reverse();
    return { index: chain.index, from: ids[chain.from] ?? "", to: ids[chain.to] ?? "", points, back: chain.back, self: false };
  });

  const lastLayer = Math.max(0, layerCount - 1);
  const extentAlong = max - min + 2 * options.margin + (routed.some((e) => e.self) ? 24 : 0);
  const extentDepth = layerTop(lastLayer) + depth + options.margin;
  return { nodes, edges: routed, width: tb ? extentAlong : extentDepth, height: tb ? extentDepth : extentAlong, layerCount, crossings, direction: options.direction };
}

/**
 * Offsets along a node's side for each edge end, so edges leaving (or entering) one side do
 * not start at one point: ends are sorted by where their other end lies and spread over the
 * middle part of the side. Keys: `${edge}:0` for the upper end of a chain, `${edge}:1` for the lower.
 */
function assignPorts(chains: readonly Chain[], n: number, along: (v: number) => number, breadth: number): Map<string, number> {
  const sides = new Map<string, { key: string; other: number }[]>();
  const add = (side: string, key: string, other: number): void => {
    const list = sides.get(side) ?? [];
    list.push({ key, other });
    sides.set(side, list);
  };
  for (const c of chains) {
    if (c.path.length < 2) continue;
    const upper = c.path[0] ?? 0;
    const lower = c.path[c.path.length - 1] ?? 0;
    add(`${upper}:bottom`, `${c.index}:0`, along(c.path[1] ?? lower));
    add(`${lower}:top`, `${c.index}:1`, along(c.path[c.path.length - 2] ?? upper));
  }
  const ports = new Map<string, number>();
  const usable = breadth * 0.6;
  for (const [side, list] of sides) {
    if (Number(side.split(":")[0]) >= n) continue;
    list.sort((a, b) => a.other - b.other || (a.key < b.key ? -1 : 1));
    const step = list.length > 1 ? Math.min(18, usable / (list.length - 1)) : 0;
    list.forEach((end, i) => ports.set(end.key, (i - (list.length - 1) / 2) * step));
  }
  return ports;
}

/** A loop on the far side of a node, for a task that leads to itself. */
function selfLoop(centre: number, top: number, breadth: number, depth: number, toPoint: (u: number, d: number) => Point): Point[] {
  const edge = centre + breadth / 2;
  return [toPoint(edge, top + depth * 0.3), toPoint(edge + 22, top + depth * 0.3), toPoint(edge + 22, top + depth * 0.7), toPoint(edge, top + depth * 0.7)];
}
