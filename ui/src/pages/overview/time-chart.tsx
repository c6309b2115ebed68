// One chart of the Overview: a card with a title (a link to the list behind it), the figure of
// the window, and an SVG plot with a value axis, a time axis and a tooltip. Hovering — or the
// arrow keys once the chart has focus — picks a bucket; the page shares that bucket with the
// other charts so one moment can be read across all of them.
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { Link } from "../../app/router";
import { ChartMarks, HoverDots } from "./chart-plot";
import type { ChartKind, ChartSeries, PlotGeometry } from "./chart-plot";
import { formatCount, formatSpan, formatTick, niceScale, timeTicks } from "./chart-scale";
import { useWidth } from "./use-width";

/** Props of `<TimeChart>`. */
export interface TimeChartProps {
  testId: string;
  title: string;
  /** The list behind the chart (the title links there). */
  href?: string;
  /** A figure beside the title (the window's total). */
  headline?: ReactNode;
  kind: ChartKind;
  series: readonly ChartSeries[];
  startMs: number;
  bucketMs: number;
  /** Formats values on the axis and in the tooltip (default: counts). */
  format?: (value: number) => string;
  /** Shown over the plot when every value is zero or missing. */
  emptyNote: string;
  /** The bucket picked on any chart of the page, and whether this chart shows its tooltip. */
  hover: number | null;
  showTip: boolean;
  onHover: (index: number | null) => void;
  height?: number;
  /** Spans two grid columns. */
  wide?: boolean;
  /** Whole-number values (counts): the axis steps by whole numbers. */
  integer?: boolean;
}

const MARGIN = { left: 46, right: 10, top: 10, bottom: 22 };

/** A time-series chart card. */
export function TimeChart(props: TimeChartProps): ReactNode {
  const { testId, title, href, headline, kind, series, startMs, bucketMs, format = formatCount, emptyNote, hover, showTip, onHover, height = 170, wide = false, integer = false } = props;
  const [ref, width] = useWidth<HTMLDivElement>();
  const count = series[0]?.values.length ?? 0;
  const plotW = Math.max(width - MARGIN.left - MARGIN.right, 10);
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const band = count === 0 ? plotW : plotW / count;

  const top = kind === "bars" ? Math.max(0, ...Array.from({ length: count }, (_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))) : Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = niceScale(top, 4, integer);
  const geometry: PlotGeometry = { left: MARGIN.left, top: MARGIN.top, height: plotH, band, max: scale.max };
  const empty = top === 0 && series.every((s) => s.values.every((v) => v === null || v === 0));
  const endMs = startMs + count * bucketMs;
  const { ticks, stepMs } = timeTicks(startMs, endMs, Math.floor(plotW / 80));
  const xOf = (ms: number): number => MARGIN.left + ((ms - startMs) / (endMs - startMs || 1)) * plotW;
  const yTicks: number[] = [];
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) yTicks.push(v);

  const indexAt = (clientX: number, box: DOMRect): number | null => {
    const i = Math.floor((clientX - box.left - MARGIN.left) / band);
    return i >= 0 && i < count ? i : null;
  };
  const move = (event: MouseEvent<SVGSVGElement>): void => onHover(indexAt(event.clientX, event.currentTarget.getBoundingClientRect()));
  const key = (event: KeyboardEvent<HTMLDivElement>): void => {
    const last = count - 1;
    const at = hover ?? last;
    const next = event.key === "ArrowLeft" ? Math.max(at - 1, 0) : event.key === "ArrowRight" ? Math.min(at + 1, last) : event.key === "Home" ? 0 : event.key === "End" ? last : event.key === "Escape" ? null : undefined;
    if (next === undefined) return;
    event.preventDefault();
    onHover(next);
  };

  return (
    <section className={`card overview-chart${wide ? " overview-chart--wide" : ""}`} data-testid={testId}>
      <header className="overview-chart__head">
        <h2 className="overview-chart__title">{href === undefined ? title : <Link to={href}>{title}</Link>}</h2>
        {headline !== undefined && <div className="overview-chart__headline">{headline}</div>}
      </header>
      <div className="overview-chart__legend">
        {series.map((s) => (
          <span key={s.key} className="overview-chart__key">
            <span className="overview-chart__swatch" style={{ background: s.tone }} />
            {s.label}
          </span>
        ))}
      </div>
      <div
        ref={ref}
        className="overview-chart__frame"
        style={{ height }}
        tabIndex={0}
        role="img"
        aria-label={`${title}: ${series.map((s) => s.label).join(", ")}; arrow keys read one bucket`}
        onKeyDown={key}
        onBlur={() => onHover(null)}
      >
        {width > 0 && (
          <svg width={width} height={height} onMouseMove={move} onMouseLeave={() => onHover(null)} className="overview-chart__svg">
            <g className="overview-chart__grid">
              {yTicks.map((v) => {
                const py = MARGIN.top + plotH - (v / scale.max) * plotH;
                return (
                  <g key={v}>
                    <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={py} y2={py} className={v === 0 ? "overview-chart__baseline" : undefined} />
                    <text x={MARGIN.left - 6} y={py} dy="0.32em" textAnchor="end">
                      {format(v)}
                    </text>
                  </g>
                );
              })}
              {ticks.map((t) => (
                <text key={t} x={xOf(t)} y={height - 6} textAnchor="middle">
                  {formatTick(t, stepMs)}
                </text>
              ))}
            </g>
            {hover !== null && <rect className="overview-chart__cursor" x={MARGIN.left + hover * band} y={MARGIN.top} width={Math.max(band, 1)} height={plotH} />}
            <ChartMarks kind={kind} series={series} geometry={geometry} />
            {hover !== null && kind !== "bars" && <HoverDots series={series} geometry={geometry} index={hover} />}
          </svg>
        )}
        {empty && <div className="overview-chart__empty" data-testid={`${testId}-empty`}>{emptyNote}</div>}
        {showTip && hover !== null && width > 0 && (
          <Tooltip series={series} index={hover} format={format} span={formatSpan(startMs + hover * bucketMs, bucketMs)} x={MARGIN.left + hover * band + band / 2} width={width} />
        )}
      </div>
    </section>
  );
}

function Tooltip({ series, index, format, span, x, width }: { series: readonly ChartSeries[]; index: number; format: (v: number) => string; span: string; x: number; width: number }): ReactNode {
  const flip = x > width / 2;
  return (
    <div className="overview-chart__tip" style={flip ? { right: width - x + 10 } : { left: x + 10 }} data-testid="overview-chart-tooltip">
      <div className="overview-chart__tip-time">{span}</div>
      {series.map((s) => {
        const v = s.values[index];
        return (
          <div key={s.key} className="overview-chart__tip-row">
            <span className="overview-chart__swatch" style={{ background: s.tone }} />
            <span className="overview-chart__tip-label">{s.label}</span>
            <span className="overview-chart__tip-value">{v === null || v === undefined ? "—" : format(v)}</span>
          </div>
        );
      })}
    </div>
  );
}
