// SVG path data for routed edges: smooth cubic curves between consecutive points, with the
// control points pulled along the layer direction, so edges leave and enter boxes straight and
// bend between layers; a self-loop is one curve bulging out of the node's side.
import type { Direction, LayoutEdge, Point } from "./layout";

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
const pt = (p: Point): string => `${fmt(p.x)} ${fmt(p.y)}`;

/** The `d` attribute of an edge. */
export function edgePath(edge: LayoutEdge, direction: Direction): string {
  const points = edge.points;
  const first = points[0];
  if (first === undefined) return "";
  if (edge.self && points.length === 4) {
    const [a, b, c, d] = points as [Point, Point, Point, Point];
    const push = (p: Point, q: Point): Point => ({ x: q.x + (q.x - p.x) * 1.2, y: q.y + (q.y - p.y) * 1.2 });
    return `M ${pt(a)} C ${pt(push(a, b))} ${pt(push(d, c))} ${pt(d)}`;
  }
  let d = `M ${pt(first)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1] ?? first;
    const q = points[i] ?? first;
    if (direction === "TB") {
      const half = (q.y - p.y) / 2;
      d += ` C ${pt({ x: p.x, y: p.y + half })} ${pt({ x: q.x, y: q.y - half })} ${pt(q)}`;
    } else {
      const half = (q.x - p.x) / 2;
      d += ` C ${pt({ x: p.x + half, y: p.y })} ${pt({ x: q.x - half, y: q.y })} ${pt(q)}`;
    }
  }
  return d;
}

/** A point about halfway along an edge (where its hover label goes). */
export function edgeMidpoint(edge: LayoutEdge): Point {
  const points = edge.points;
  if (points.length === 0) return { x: 0, y: 0 };
  if (edge.self) return points[1] ?? points[0] ?? { x: 0, y: 0 };
  const a = points[Math.floor((points.length - 1) / 2)] ?? { x: 0, y: 0 };
  const b = points[Math.ceil((points.length - 1) / 2)] ?? a;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
