import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { sparkValues } from '../check-format';

/**
 * The charting library loads on first use, in parallel with the list's data: the
 * check list itself is in the first download, its charts are not.
 */
let library: Promise<typeof uPlot> | undefined;
function loadUPlot(): Promise<typeof uPlot> {
  library ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);
  return library;
}

/** Pages with charts call this on mount, so the library arrives while their data does. */
export function usePreloadCharts(): void {
  useEffect(() => {
    void loadUPlot();
  }, []);
}

/** A theme colour from the CSS custom properties, so charts follow light and dark. */
function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Mounts only once scrolled near: a list of a thousand checks draws the few on screen. */
function useVisible<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [visible]);
  return [ref, visible];
}

/** The last probes' latencies as a small line; failed probes are gaps. Decorative: the row says the numbers in words. */
export function Sparkline({ recent, width = 120, height = 28 }: { recent: number[]; width?: number; height?: number }) {
  const [ref, visible] = useVisible<HTMLDivElement>();
  useEffect(() => {
    if (!visible || !ref.current || recent.length < 2) return;
    const el = ref.current;
    const xs = recent.map((_, i) => i);
    let plot: uPlot | undefined;
    let cancelled = false;
    void loadUPlot().then((UPlot) => {
      if (cancelled) return;
      plot = new UPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: false } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: cssColor('--accent', '#1d4ed8'), width: 1.5, spanGaps: false, points: { show: false } }],
      },
      [xs, sparkValues(recent)],
      el,
    );
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [visible, recent, width, height, ref]);
  return <div ref={ref} className="sparkline" style={{ width, height }} aria-hidden="true" />;
}

export interface LatencyPoint {
  at: string;
  p50: number | null;
  p95: number | null;
  total: number;
  up: number;
}

/** Response time over time (median and p95), with its own summary in words for screen readers. */
export function LatencyChart({ points, label }: { points: LatencyPoint[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || width < 50 || !points.length) return;
    const text = cssColor('--muted', '#4a5260');
    const grid = cssColor('--border', '#d3d7de');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    let plot: uPlot | undefined;
    let cancelled = false;
    void loadUPlot().then((UPlot) => {
      if (cancelled) return;
      plot = new UPlot(
      {
        width,
        height: 220,
        legend: { show: true },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, label: 'ms', size: 56 }],
        series: [
          {},
          { label: 'Median', stroke: cssColor('--accent', '#1d4ed8'), width: 2, value: (_u, v) => (v == null ? '—' : `${v} ms`) },
          { label: 'p95', stroke: cssColor('--warning-text', '#6b3d00'), width: 1, dash: [4, 4], value: (_u, v) => (v == null ? '—' : `${v} ms`) },
        ],
      },
      [points.map((p) => new Date(p.at).getTime() / 1000), points.map((p) => p.p50), points.map((p) => p.p95)],
      el,
    );
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [points, width]);
  return (
    <figure className="latency-chart">
      <div ref={ref} role="img" aria-label={label} />
    </figure>
  );
}
