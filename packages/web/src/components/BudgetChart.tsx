import type { SloDetail } from '@operable/shared';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { budgetText } from '../slo-format';

const HEIGHT = 220;

/** The theme's colours, read when the chart is drawn (the chart is redrawn on a theme change). */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { line: v('--accent'), text: v('--muted'), grid: v('--border'), danger: v('--danger') };
}

/** What the chart shows, in words, for screen readers and for anyone who cannot read the canvas. */
export function chartSummary(series: SloDetail['series'], windowDays: number): string {
  const known = series.filter((p) => p.budgetRemaining !== null);
  if (!known.length) return `No data in the last ${windowDays} days.`;
  const first = known[0]!.budgetRemaining;
  const last = known[known.length - 1]!.budgetRemaining;
  const low = Math.min(...known.map((p) => p.budgetRemaining!));
  return `Error budget over the rolling ${windowDays}-day window: ${budgetText(first)} at the start of the chart, ${budgetText(last)} now; lowest ${budgetText(low)}.`;
}

/**
 * Budget left (%) over time, each point the rolling window ending there. uPlot
 * draws on a canvas and sets its sizes through the CSSOM, so the page's
 * Content-Security-Policy (no inline styles) holds.
 */
export function BudgetChart({ series, windowDays }: { series: SloDetail['series']; windowDays: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = series.map((p) => Date.parse(p.at) / 1000);
    const ys = series.map((p) => (p.budgetRemaining === null ? null : Math.round(p.budgetRemaining * 1000) / 10));
    let plot: uPlot | undefined;
    const draw = () => {
      plot?.destroy();
      const c = palette();
      const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } };
      plot = new uPlot(
        {
          width: Math.max(260, el.clientWidth),
          height: HEIGHT,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(100, max ?? 100)] } },
          axes: [axis, { ...axis, size: 56, values: (_u, ticks) => ticks.map((t) => `${t} %`) }],
          series: [{}, { label: 'Budget left', stroke: c.line, width: 2, fill: `${c.line}22`, spanGaps: false }],
        },
        [xs, ys],
        el,
      );
    };
    draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(260, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    // The theme toggle sets data-theme on <html>; redraw in the new colours.
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      plot?.destroy();
    };
  }, [series]);
  return (
    <figure className="budget-chart">
      <div ref={box} role="img" aria-label={chartSummary(series, windowDays)} />
      <figcaption className="muted">{chartSummary(series, windowDays)}</figcaption>
    </figure>
  );
}
