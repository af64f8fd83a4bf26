import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { BAND_LIMITS, BUCKET_LABEL, BUCKETS, bucketSummary, type Bucket, type PersonRow, type TeamWeeks, weekLabel } from '../replay-format';

/**
 * The replay's charts, drawn by uPlot: interruptions per person (grouped bars,
 * current beside variant) and page events per team and week (lines, with the
 * pager-load band limits). Each chart is an image to screen readers, labelled
 * with the same numbers in words; the tables on the page carry the detail.
 */

interface Colours {
  current: string;
  variant: string;
  limit: string;
  text: string;
  grid: string;
}

function readColours(el: HTMLElement): Colours {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { current: v('--chart-current'), variant: v('--chart-variant'), limit: v('--chart-limit'), text: v('--muted'), grid: v('--border') };
}

/** Changes whenever the theme may have: the stored choice on <html>, or the system's. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((n) => n + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

type Make = (c: Colours) => Omit<uPlot.Options, 'width' | 'height'>;

/** One uPlot chart that fills its container's width and redraws on theme changes. */
function Chart({ make, data, label, height }: { make: Make; data: uPlot.AlignedData; label: string; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = new uPlot({ ...make(readColours(el)), width: Math.max(200, el.clientWidth), height }, data, el);
    const resize = new ResizeObserver(() => {
      if (el.clientWidth && el.clientWidth !== chart.width) chart.setSize({ width: el.clientWidth, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [make, data, height, theme]);
  return <div ref={ref} className="chart" role="img" aria-label={label} />;
}

const axis = (c: Colours): uPlot.Axis => ({ stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } });
const wholeNumbers = (_u: uPlot, splits: number[]) => splits.map((s) => (Number.isInteger(s) ? String(s) : ''));

/** A legend in HTML: colour swatch and words, the same for every chart of a kind. */
function Legend({ items }: { items: { key: string; label: string }[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.key}>
          <span className={`chart-key chart-key-${i.key}`} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** Short names under the bars: the first name, cut at 10 characters. */
const shortName = (name: string) => {
  const first = name.split(/\s+/)[0] ?? name;
  return first.length > 10 ? `${first.slice(0, 9)}…` : first;
};

function BucketChart({ rows, bucket, withVariant }: { rows: PersonRow[]; bucket: Bucket; withVariant: boolean }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const xs = rows.map((_, i) => i);
    const cur = rows.map((r) => r.buckets[bucket].current);
    return withVariant ? [xs, cur, rows.map((r) => r.buckets[bucket].variant ?? 0)] : [xs, cur];
  }, [rows, bucket, withVariant]);
  const make = useMemo<Make>(() => {
    const names = rows.map((r) => shortName(r.name));
    const bar = (align: -1 | 0 | 1) => uPlot.paths.bars!({ size: [withVariant ? 0.38 : 0.6, 64], align });
    return (c) => ({
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, rows.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(2, max)] } },
      axes: [
        { ...axis(c), grid: { show: false }, splits: () => names.map((_, i) => i), values: (_u, splits) => splits.map((s) => names[s] ?? '') },
        { ...axis(c), values: wholeNumbers, size: 40 },
      ],
      series: [
        {},
        { label: 'Current', fill: c.current, stroke: c.current, width: 0, paths: bar(withVariant ? -1 : 0), points: { show: false } },
        ...(withVariant ? [{ label: 'Variant', fill: c.variant, stroke: c.variant, width: 0, paths: bar(1), points: { show: false } }] : []),
      ],
    });
  }, [rows, withVariant]);
  const title = BUCKET_LABEL[bucket];
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <Chart make={make} data={data} label={bucketSummary(rows, bucket)} height={180} />
    </figure>
  );
}

/** Interruptions per person, one small chart per bucket (sleep first), current beside variant. */
export function PeopleCharts({ rows, withVariant }: { rows: PersonRow[]; withVariant: boolean }) {
  if (!rows.length) return <p className="muted">Nobody would be interrupted, so there is nothing to chart.</p>;
  // A bucket with no interruption in either run gets a sentence, not an empty chart.
  const busy = (b: Bucket) => rows.some((r) => r.buckets[b].current || r.buckets[b].variant);
  const drawn = BUCKETS.filter(busy);
  const quiet = BUCKETS.filter((b) => !busy(b));
  return (
    <>
      <Legend items={[{ key: 'current', label: 'Current' }, ...(withVariant ? [{ key: 'variant', label: 'Variant' }] : [])]} />
      <div className="chart-grid">
        {drawn.map((b) => (
          <BucketChart key={b} rows={rows} bucket={b} withVariant={withVariant} />
        ))}
      </div>
      {quiet.length > 0 && <p className="muted">{quiet.map((b) => BUCKET_LABEL[b]).join(' and ')}: nobody interrupted{withVariant ? ' in either run' : ''}.</p>}
    </>
  );
}

const HALF_WEEK = 3.5 * 86_400;

function TeamChart({ team }: { team: TeamWeeks }) {
  // Half a week of room either side of the weeks, where only the band limits are drawn: they span the chart even for one week.
  const data = useMemo<uPlot.AlignedData>(() => {
    const weeks = team.weeks.map((w) => w / 1000);
    const xs = [weeks[0]! - HALF_WEEK, ...weeks, weeks[weeks.length - 1]! + HALF_WEEK];
    const padded = (ys: number[]) => [null, ...ys, null];
    const flat = (n: number) => xs.map(() => n);
    return [xs, padded(team.current), ...(team.variant ? [padded(team.variant)] : []), flat(BAND_LIMITS.edge), flat(BAND_LIMITS.unhealthy)];
  }, [team]);
  const make = useMemo<Make>(() => {
    const weeks = team.weeks.map((w) => w / 1000);
    // One label per week where they fit, else every second, third… week.
    const splits = (u: uPlot) => {
      const every = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 64))));
      return weeks.filter((_, i) => i % every === 0);
    };
    const line = (label: string, colour: string, dash?: number[]): uPlot.Series => ({ label, stroke: colour, width: 2, dash, points: { show: true, size: 7, fill: colour } });
    return (c) => ({
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(BAND_LIMITS.unhealthy + 1, max + 1)] } },
      axes: [
        { ...axis(c), grid: { show: false }, splits, values: (_u, ticks) => ticks.map((s) => weekLabel(s * 1000).replace(/ \d{4}$/, '')) },
        { ...axis(c), values: wholeNumbers, size: 40 },
      ],
      series: [
        {},
        line('Current', c.current, [6, 4]),
        ...(team.variant ? [line('Variant', c.variant)] : []),
        { label: 'Edge: 2 a week', stroke: c.limit, width: 1.5, dash: [3, 4], points: { show: false } },
        { label: 'Unhealthy: over 5 a week', stroke: c.limit, width: 1.5, points: { show: false } },
      ],
    });
  }, [team]);
  return (
    <figure className="chart-figure">
      <figcaption>{team.team}</figcaption>
      <Chart make={make} data={data} label={`Page events per week: ${team.summary}.`} height={200} />
    </figure>
  );
}

/** Page events per team and week, with the 2 and 5 a week band limits as lines. */
export function WeekCharts({ teams, withVariant }: { teams: TeamWeeks[]; withVariant: boolean }) {
  const shown = teams.filter((t) => t.weeks.length > 0);
  if (!shown.length) return <p className="muted">No team had a page event in this period.</p>;
  return (
    <>
      <Legend
        items={[
          { key: 'current', label: 'Current (dashed)' },
          ...(withVariant ? [{ key: 'variant', label: 'Variant' }] : []),
          { key: 'limit', label: 'Band limits: 2 a week (dotted, edge) and 5 (unhealthy above)' },
        ]}
      />
      <div className="chart-grid">
        {shown.map((t) => (
          <TeamChart key={t.team} team={t} />
        ))}
      </div>
    </>
  );
}
