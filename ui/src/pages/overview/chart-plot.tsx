// The marks of a time chart — bars (stacked when there are several series), lines with dots
// where a point stands alone, and areas — drawn in pixels from scales the frame computes.
import type { ReactNode } from "react";

/** One series of a chart: a value per bucket (null: no value, e.g. no repair in that bucket). */
export interface ChartSeries {
  key: string;
  label: string;
  /** A colour from the theme, e.g. `var(--ok)`. */
  tone: string;
  values: readonly (number | null)[];
}

/** How the series are drawn. */
export type ChartKind = "area" | "line" | "bars";

/** Where the plot sits and how values map to pixels. */
export interface PlotGeometry {
  left: number;
  top: number;
  height: number;
  /** Width of one bucket. */
  band: number;
  /** Top of the value axis. */
  max: number;
}

const y = (g: PlotGeometry, v: number): number => g.top + g.height - (Math.min(v, g.max) / g.max) * g.height;
const cx = (g: PlotGeometry, i: number): number => g.left + i * g.band + g.band / 2;

/** The marks of every series. */
export function ChartMarks({ kind, series, geometry }: { kind: ChartKind; series: readonly ChartSeries[]; geometry: PlotGeometry }): ReactNode {
  if (kind === "bars") return <Bars series={series} g={geometry} />;
  return (
    <>
      {series.map((s) => (
        <Line key={s.key} s={s} g={geometry} fill={kind === "area"} />
      ))}
    </>
  );
}

function Bars({ series, g }: { series: readonly ChartSeries[]; g: PlotGeometry }): ReactNode {
  const count = series[0]?.values.length ?? 0;
  const gap = g.band > 6 ? Math.max(1, g.band * 0.18) : g.band > 2 ? 0.5 : 0;
  const width = Math.max(g.band - gap, 0.8);
  const rects: ReactNode[] = [];
  for (let i = 0; i < count; i++) {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const top = y(g, base + v);
      const bottom = y(g, base);
      rects.push(<rect key={`${s.key}-${i}`} x={g.left + i * g.band + gap / 2} y={top} width={width} height={Math.max(bottom - top, 1)} rx={width > 4 ? 1.5 : 0} style={{ fill: s.tone }} />);
      base += v;
    }
  }
  return <g className="overview-chart__bars">{rects}</g>;
}

function Line({ s, g, fill }: { s: ChartSeries; g: PlotGeometry; fill: boolean }): ReactNode {
  // Runs of consecutive values; a null breaks the line.
  const runs: { i: number; v: number }[][] = [];
  let run: { i: number; v: number }[] = [];
  s.values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ i, v });
  });
  if (run.length > 0) runs.push(run);
  const baseline = y(g, 0);
  return (
    <g className="overview-chart__line">
      {runs.map((points, k) => {
        const d = points.map((p, j) => `${j === 0 ? "M" : "L"}${cx(g, p.i).toFixed(1)},${y(g, p.v).toFixed(1)}`).join("");
        const first = points[0];
        const last = points[points.length - 1];
        return (
          <g key={k}>
            {fill && first !== undefined && last !== undefined && (
              <path d={`${d}L${cx(g, last.i).toFixed(1)},${baseline}L${cx(g, first.i).toFixed(1)},${baseline}Z`} style={{ fill: s.tone }} className="overview-chart__area" />
            )}
            <path d={d} style={{ stroke: s.tone }} className="overview-chart__stroke" />
            {points.length === 1 && first !== undefined && <circle cx={cx(g, first.i)} cy={y(g, first.v)} r={2.8} style={{ fill: s.tone }} />}
          </g>
        );
      })}
    </g>
  );
}

/** The dots on each series at the hovered bucket (lines and areas). */
export function HoverDots({ series, geometry, index }: { series: readonly ChartSeries[]; geometry: PlotGeometry; index: number }): ReactNode {
  return (
    <g className="overview-chart__hover-dots">
      {series.map((s) => {
        const v = s.values[index];
        if (v === null || v === undefined) return null;
        return <circle key={s.key} cx={cx(geometry, index)} cy={y(geometry, v)} r={3.5} style={{ stroke: s.tone }} />;
      })}
    </g>
  );
}
