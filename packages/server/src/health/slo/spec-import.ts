import { parseAllDocuments } from 'yaml';

/**
 * OpenSLO v1 and Sloth (prometheus/v1) specs read into Operable's SLO shape, pure.
 * Operable counts good and total events per minute, so what is taken from a spec:
 *
 * - OpenSLO: `kind: SLO` documents (an inline `indicator` or an `indicatorRef` to a
 *   `kind: SLI` document of the same file) with a `ratioMetric` (good/total or
 *   bad/total, Prometheus queries), a rolling `timeWindow` of 7, 28 or 30 days
 *   (`7d`, `4w`, `720h`, …), and one SLO per entry of `objectives` (`target`, or
 *   `targetPercent`). A good query selecting a histogram bucket (`le="0.3"`) makes
 *   it a latency SLO with that threshold.
 * - Sloth: each of `slos` with `objective` (percent) and `sli.events`
 *   (error_query/total_query); `{{.window}}` becomes `1m`, and a `rate()` query is
 *   turned into per-minute counts (× 60). The window is Sloth's default, 30 days.
 *   `sli.raw` and `sli.plugin` give a ratio, not counts, and are refused.
 *
 * Problems are collected with the place they were found, so one answer lists them all.
 */

export interface ImportedSlo {
  name: string;
  description: string;
  kind: 'availability' | 'latency';
  objective: number;
  windowDays: 7 | 28 | 30;
  latencyThresholdMs: number | null;
  /** PromQL for the good and total events of one minute, when the spec had queries. */
  queries: { good: string; total: string } | null;
  alerting: boolean;
}

export type ImportResult = { ok: true; slos: ImportedSlo[] } | { ok: false; problems: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function documents(text: string, problems: string[]): Obj[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Obj[] = [];
  list.forEach((doc, i) => {
    if (doc.errors.length) {
      problems.push(`document ${i + 1}: ${doc.errors[0]!.message.split('\n')[0]}`);
      return;
    }
    // An alias to nothing (`*x`) parses without errors and throws only here.
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      problems.push(`document ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
      return;
    }
    if (value === null || value === undefined) return;
    if (!isObj(value)) problems.push(`document ${i + 1}: expected a mapping`);
    else out.push(value);
  });
  return out;
}

/** `30d`, `4w`, `720h`, `43200m` → days, if whole. */
export function durationDays(text: string): number | null {
  const m = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const minutes = n * { m: 1, h: 60, d: 1440, w: 10080 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return minutes % 1440 === 0 ? minutes / 1440 : null;
}

/** 99.9 / 100 is 0.9990000000000001 in floating point; 12 digits are plenty for an objective. */
const fromPercent = (p: number) => Number((p / 100).toPrecision(12));

const windowOf = (days: number | null): 7 | 28 | 30 | null => (days === 7 || days === 28 || days === 30 ? days : null);

/** `le="0.3"` in the good query: requests faster than 300 ms are the good ones. */
function latencyThreshold(good: string): number | null {
  const m = /\ble\s*=~?\s*"([0-9.]+(?:e[-+]?\d+)?)"/i.exec(good);
  if (!m) return null;
  const ms = Math.round(Number(m[1]) * 1000);
  return ms > 0 ? ms : null;
}

function queryOf(metric: unknown): string | null {
  if (!isObj(metric)) return null;
  const source = isObj(metric.metricSource) ? metric.metricSource : null;
  const spec = source && isObj(source.spec) ? source.spec : null;
  return str(spec?.query) ?? str(spec?.promql);
}

export function parseOpenSlo(text: string): ImportResult {
  const problems: string[] = [];
  const docs = documents(text, problems);
  const slis = new Map<string, Obj>();
  for (const d of docs) {
    if (d.kind === 'SLI' && isObj(d.metadata) && str(d.metadata.name)) slis.set(str(d.metadata.name)!, d);
  }
  const slos: ImportedSlo[] = [];
  docs.forEach((d, i) => {
    if (d.kind !== 'SLO') return;
    const at = `document ${i + 1}`;
    if (d.apiVersion !== 'openslo/v1') {
      problems.push(`${at}: apiVersion must be openslo/v1`);
      return;
    }
    const meta = isObj(d.metadata) ? d.metadata : {};
    const spec = isObj(d.spec) ? d.spec : null;
    const name = str(meta.displayName) ?? str(meta.name);
    if (!name || !spec) {
      problems.push(`${at}: needs metadata.name and spec`);
      return;
    }
    const where = `${at} (${name})`;
    let indicator: Obj | null = isObj(spec.indicator) ? spec.indicator : null;
    if (!indicator && str(spec.indicatorRef)) {
      indicator = slis.get(str(spec.indicatorRef)!) ?? null;
      if (!indicator) problems.push(`${where}: indicatorRef ${String(spec.indicatorRef)} is not an SLI in this file`);
    }
    const ratio = indicator && isObj(indicator.spec) && isObj(indicator.spec.ratioMetric) ? indicator.spec.ratioMetric : null;
    let queries: ImportedSlo['queries'] = null;
    if (ratio) {
      const total = queryOf(ratio.total);
      const good = queryOf(ratio.good);
      const bad = queryOf(ratio.bad);
      if (!total || (!good && !bad)) problems.push(`${where}: ratioMetric needs a total query and a good or bad query`);
      else queries = { good: good ?? `(${total}) - (${bad})`, total };
    } else if (indicator) {
      problems.push(`${where}: only ratioMetric indicators (good/total counts) can be imported`);
    }
    const windows = Array.isArray(spec.timeWindow) ? spec.timeWindow : [];
    const tw = isObj(windows[0]) ? windows[0] : null;
    const windowDays = windowOf(tw && str(tw.duration) ? durationDays(str(tw.duration)!) : null);
    if (!windowDays) problems.push(`${where}: timeWindow must be 7, 28 or 30 days`);
    if (tw && tw.isRolling === false) problems.push(`${where}: only rolling time windows are supported, not calendar-aligned ones`);
    if (spec.budgetingMethod !== undefined && spec.budgetingMethod !== 'Occurrences') problems.push(`${where}: budgetingMethod must be Occurrences`);
    const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
    if (!objectives.length) problems.push(`${where}: needs at least one objective`);
    objectives.forEach((o: unknown, j: number) => {
      const obj = isObj(o) ? o : {};
      const target = typeof obj.target === 'number' ? obj.target : typeof obj.targetPercent === 'number' ? fromPercent(obj.targetPercent) : null;
      if (target === null || !(target > 0 && target < 1)) {
        problems.push(`${where}: objectives.${j} needs a target between 0 and 1 (or targetPercent)`);
        return;
      }
      if (!windowDays) return;
      const threshold = queries ? latencyThreshold(queries.good) : null;
      const label = str(obj.displayName) ?? str(obj.name);
      slos.push({
        name: objectives.length > 1 ? `${name} ${label ?? `${+(target * 100).toFixed(4)}%`}` : name,
        description: str(spec.description) ?? '',
        kind: threshold ? 'latency' : 'availability',
        objective: target,
        windowDays,
        latencyThresholdMs: threshold,
        queries,
        alerting: true,
      });
    });
  });
  if (!problems.length && !slos.length) problems.push('no SLO documents (kind: SLO) found');
  return problems.length ? { ok: false, problems } : { ok: true, slos };
}

/** Sloth queries are ratios of rates over `{{.window}}`; Operable wants per-minute counts. */
function perMinute(query: string): string {
  const q = query.replace(/\{\{\s*\.window\s*\}\}/g, '1m');
  return /\brate\s*\(/.test(q) && !/\bincrease\s*\(/.test(q) ? `(${q}) * 60` : q;
}

export function parseSloth(text: string): ImportResult {
  const problems: string[] = [];
  const docs = documents(text, problems);
  const slos: ImportedSlo[] = [];
  docs.forEach((d, i) => {
    const at = `document ${i + 1}`;
    if (d.version !== 'prometheus/v1') {
      problems.push(`${at}: version must be prometheus/v1`);
      return;
    }
    const list = Array.isArray(d.slos) ? d.slos : [];
    if (!list.length) problems.push(`${at}: needs slos`);
    list.forEach((s: unknown, j: number) => {
      const slo = isObj(s) ? s : {};
      const name = str(slo.name);
      const where = `${at} slos.${j}${name ? ` (${name})` : ''}`;
      if (!name) problems.push(`${where}: needs a name`);
      const objective = typeof slo.objective === 'number' ? fromPercent(slo.objective) : null;
      if (objective === null || !(objective > 0 && objective < 1)) problems.push(`${where}: objective must be a percentage between 0 and 100`);
      const sli = isObj(slo.sli) ? slo.sli : {};
      const events = isObj(sli.events) ? sli.events : null;
      if (!events) {
        problems.push(`${where}: only sli.events (error_query and total_query) can be imported; raw ratios and plugins give no counts`);
        return;
      }
      const error = str(events.error_query ?? events.errorQuery);
      const total = str(events.total_query ?? events.totalQuery);
      if (!error || !total) {
        problems.push(`${where}: sli.events needs error_query and total_query`);
        return;
      }
      if (!name || objective === null || !(objective > 0 && objective < 1)) return;
      const alerting = isObj(slo.alerting) ? slo.alerting : {};
      const disabled = (a: unknown) => isObj(a) && a.disable === true;
      const t = perMinute(total);
      slos.push({
        name,
        description: str(slo.description) ?? '',
        kind: 'availability',
        objective,
        windowDays: 30,
        latencyThresholdMs: null,
        queries: { good: `(${t}) - (${perMinute(error)})`, total: t },
        alerting: !(disabled(alerting.page_alert) && disabled(alerting.ticket_alert)),
      });
    });
  });
  if (!problems.length && !slos.length) problems.push('no SLOs found');
  return problems.length ? { ok: false, problems } : { ok: true, slos };
}
