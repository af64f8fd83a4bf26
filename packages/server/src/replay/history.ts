import { DEDUP_KEY_MAX, SUMMARY_MAX, truncate, urgencyOf, type AlertEvent } from '../alerts/index.js';
import { parseAlertmanager, parsePagerDuty } from '../ingest/index.js';

/**
 * A history is JSON lines, one event (or one sender body) per line, each with the
 * time it arrived. Three shapes are understood, and may be mixed in one file:
 *
 * - Operable's own export (`operable replay export`):
 *   `{"at", "service", "action": "trigger"|"acknowledge"|"resolve", "dedupKey", "summary", "severity", "by"?}`
 * - a PagerDuty Events v2 event with its arrival time:
 *   `{"at"|"received_at"|"timestamp", ...event}` or `{"at", "event": {...}}`; the
 *   routing key names the integration
 * - an Alertmanager (or Grafana) webhook body with its arrival time:
 *   `{"receivedAt", "integrationKey"|"service", "body": {...}}`
 *
 * Parsing never stops at a bad line: each is reported with its number and why.
 */
export type Route = { integrationKey: string } | { service: string };

export interface ReplayEvent {
  line: number;
  at: Date;
  route: Route;
  events: AlertEvent[];
  /** Email of the person who acted (acknowledge/resolve from a person, not a sender). */
  by: string | null;
}

export interface LineError {
  line: number;
  error: string;
}

export interface History {
  events: ReplayEvent[];
  errors: LineError[];
  /** Lines that held something (blank lines are not counted). */
  lines: number;
}

type Obj = Record<string, unknown>;
type LineResult = { ok: true; value: Omit<ReplayEvent, 'line'> } | { ok: false; error: string };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function timeOf(o: Obj, fields: string[]): Date | string {
  for (const f of fields) {
    if (o[f] === undefined) continue;
    const t = typeof o[f] === 'string' || typeof o[f] === 'number' ? new Date(o[f] as string | number) : null;
    return t && !Number.isNaN(t.getTime()) ? t : `'${f}' is not a valid time`;
  }
  return `a time is missing ('${fields[0]}')`;
}

function operableLine(o: Obj): LineResult {
  const at = timeOf(o, ['at']);
  if (typeof at === 'string') return { ok: false, error: at };
  const service = str(o.service);
  if (!service) return { ok: false, error: "'service' is missing" };
  const key = str(o.dedupKey);
  if (!key) return { ok: false, error: "'dedupKey' is missing" };
  const dedupKey = truncate(key, DEDUP_KEY_MAX);
  const by = str(o.by) ?? null;
  if (o.action === 'acknowledge' || o.action === 'resolve') return { ok: true, value: { at, route: { service }, events: [{ action: o.action, dedupKey }], by } };
  if (o.action !== 'trigger') return { ok: false, error: "'action' must be trigger, acknowledge or resolve" };
  const severity = str(o.severity) ?? null;
  const urgency = o.urgency === 'high' || o.urgency === 'low' ? o.urgency : urgencyOf(severity);
  const event: AlertEvent = {
    action: 'trigger',
    dedupKey,
    summary: truncate(str(o.summary) ?? key, SUMMARY_MAX),
    source: str(o.source) ?? null,
    severity,
    urgency,
    details: isObj(o.details) ? o.details : {},
    links: [],
  };
  return { ok: true, value: { at, route: { service }, events: [event], by: null } };
}

function pagerDutyLine(o: Obj): LineResult {
  const wrapped = isObj(o.event);
  const body = wrapped ? (o.event as Obj) : o;
  const at = timeOf(o, ['at', 'received_at', 'timestamp']);
  // Without an arrival time, the sender's own timestamp is the best we have.
  const when = typeof at === 'string' && isObj(body.payload) && body.payload.timestamp !== undefined ? timeOf(body.payload, ['timestamp']) : at;
  if (typeof when === 'string') return { ok: false, error: when };
  const rest = wrapped ? body : Object.fromEntries(Object.entries(body).filter(([k]) => !['at', 'received_at', 'timestamp'].includes(k)));
  const parsed = parsePagerDuty(rest);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join('; ') };
  return { ok: true, value: { at: when, route: { integrationKey: parsed.value.routingKey }, events: [parsed.value.event], by: null } };
}

function alertmanagerLine(o: Obj): LineResult {
  const at = timeOf(o, ['receivedAt', 'at']);
  if (typeof at === 'string') return { ok: false, error: at };
  const key = str(o.integrationKey);
  const service = str(o.service);
  if (!key && !service) return { ok: false, error: "'integrationKey' or 'service' is missing" };
  const parsed = parseAlertmanager(o.body);
  if (!parsed.ok) return { ok: false, error: parsed.errors.map((e) => `body: ${e}`).join('; ') };
  return { ok: true, value: { at, route: key ? { integrationKey: key } : { service: service! }, events: parsed.value, by: null } };
}

export function parseLine(text: string): LineResult {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  if (!isObj(o)) return { ok: false, error: 'a line must be a JSON object' };
  if (isObj(o.body)) return alertmanagerLine(o);
  if (o.event_action !== undefined || isObj(o.event)) return pagerDutyLine(o);
  if (o.action !== undefined) return operableLine(o);
  return { ok: false, error: 'unknown line: expected an Operable export line, a PagerDuty event or an Alertmanager body' };
}

/** Parses a whole history; events come out in time order (file order among equal times). */
export function parseHistory(text: string): History {
  const events: ReplayEvent[] = [];
  const errors: LineError[] = [];
  let lines = 0;
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t) return;
    lines++;
    const r = parseLine(t);
    if (r.ok) events.push({ line: i + 1, ...r.value });
    else errors.push({ line: i + 1, error: r.error });
  });
  // Stable sort: JavaScript's sort is stable, so equal times keep their file order.
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { events, errors, lines };
}

/** Only the events inside [from, to). */
export function within(events: ReplayEvent[], from?: Date, to?: Date): ReplayEvent[] {
  return events.filter((e) => (!from || e.at >= from) && (!to || e.at < to));
}
