import type { WeekLoad } from '@operable/shared';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const BAND = { healthy: 'healthy', edge: 'walking the edge', unhealthy: 'unhealthy' } as const;

/** Page events per week, coloured by band, with the 2 and 5 lines; a table follows for screen readers and print. */
export function PagerLoadChart({ weeks, zone }: { weeks: WeekLoad[]; zone: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const labels = weeks.map((w) => new Intl.DateTimeFormat(undefined, { timeZone: zone, day: 'numeric', month: 'short' }).format(new Date(w.weekStart)));
  useEffect(() => {
    if (!canvas.current) return;
    const css = getComputedStyle(document.documentElement);
    const colour = (band: WeekLoad['band']) => css.getPropertyValue(band === 'healthy' ? '--success' : band === 'edge' ? '--warning-text' : '--danger').trim() || '#888';
    const text = css.getPropertyValue('--muted').trim() || '#666';
    const lines = {
      id: 'bands',
      afterDatasetsDraw(chart: Chart) {
        const { ctx, chartArea, scales } = chart;
        ctx.save();
        ctx.setLineDash([4, 4]);
        ctx.strokeStyle = text;
        for (const v of [2, 5]) {
          const y = scales.y!.getPixelForValue(v);
          ctx.beginPath();
          ctx.moveTo(chartArea.left, y);
          ctx.lineTo(chartArea.right, y);
          ctx.stroke();
        }
        ctx.restore();
      },
    };
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: [{ label: 'Page events', data: weeks.map((w) => w.pageEvents), backgroundColor: weeks.map((w) => colour(w.band)) }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { tooltip: { callbacks: { afterLabel: (c) => BAND[weeks[c.dataIndex]!.band] } } },
        scales: { y: { beginAtZero: true, suggestedMax: 6, ticks: { precision: 0, color: text } }, x: { ticks: { color: text } } },
      },
      plugins: [lines],
    });
    return () => chart.destroy();
  }, [weeks, zone]);
  return (
    <figure className="health-chart">
      <div className="health-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Page events per week for 12 weeks; this week ${weeks.at(-1)?.pageEvents ?? 0}, ${BAND[weeks.at(-1)?.band ?? 'healthy']}`} />
      </div>
      <figcaption className="muted">Dashed lines at 2 and 5 page events: under 2 is healthy, over 5 unhealthy.</figcaption>
    </figure>
  );
}

export const bandLabel = (band: WeekLoad['band']) => BAND[band];
