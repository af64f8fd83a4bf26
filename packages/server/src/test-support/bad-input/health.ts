import { randomUUID } from 'node:crypto';
import type { World } from '../actors.js';
import { invalid, q, START, v, type Case } from './cases.js';

function sloCases(): Case[] {
  const slo = (fields: Record<string, unknown> = {}) => ({ serviceId: randomUUID(), name: 'S', kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' }, ...fields });
  const prom = (fields: Record<string, unknown> = {}) => ({ type: 'prometheus', url: 'https://prometheus.example.com', good: 'sum(x)', total: 'sum(y)', ...fields });
  const post = (name: string, body: unknown, fields: string[]) => v(`slos: ${name}`, 'POST', () => '/api/slos', body, 'admin', fields);
  const events = (name: string, body: unknown, fields: string[]) => v(`slo events: ${name}`, 'POST', () => `/api/slos/${randomUUID()}/events`, body, 'admin', fields);
  const bucket = (fields: Record<string, unknown> = {}) => ({ start: START, good: 1, total: 1, ...fields });
  return [
    post('objective of 1', slo({ objective: 1 }), ['objective']),
    post('objective as a percentage', slo({ objective: 99.9 }), ['objective']),
    post('window of 14 days', slo({ windowDays: 14 }), ['windowDays']),
    post('unknown kind', slo({ kind: 'throughput' }), ['kind']),
    post('unknown source type', slo({ source: { type: 'carrier-pigeon' } }), ['source.type']),
    post('Prometheus URL is not http', slo({ source: prom({ url: 'file:///etc/passwd' }) }), ['source.url']),
    post('empty PromQL', slo({ source: prom({ good: '  ' }) }), ['source.good']),
    post('heartbeat without integration', slo({ source: { type: 'heartbeat' } }), ['source.integrationId']),
    post('latency threshold of 0', slo({ kind: 'latency', latencyThresholdMs: 0 }), ['latencyThresholdMs']),
    post('service does not exist', slo(), ['serviceId']),
    events('no buckets', { buckets: [] }, ['buckets']),
    events('more than a day of buckets', { buckets: Array.from({ length: 1441 }, () => bucket()) }, ['buckets']),
    events('negative good', { buckets: [bucket({ good: -1 })] }, ['buckets.0.good']),
    events('start is no timestamp', { buckets: [bucket({ start: 'now' })] }, ['buckets.0.start']),
    events('unknown bucket field', { buckets: [bucket({ bad: 0 })] }, ['buckets.0.bad']),
    { name: 'slo events: to an unknown SLO', method: 'POST', path: () => `/api/slos/${randomUUID()}/events`, json: { buckets: [bucket()] }, as: 'admin', status: 404, code: 'not_found' },
    { name: 'slos: an unknown SLO', method: 'GET', path: () => `/api/slos/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    v('slo import: unknown format', 'POST', () => '/api/slos/import', { format: 'nobl9', serviceId: randomUUID(), spec: 'x: 1' }, 'admin', ['format']),
    v('slo import: YAML that is no spec', 'POST', () => '/api/slos/import', { format: 'openslo', serviceId: randomUUID(), spec: 'a: [1, 2' }, 'admin', ['spec']),
    q('slos: serviceId query is not a uuid', '/api/slos?serviceId=checkout', ['query.serviceId'], 'viewer'),
    q('slos: unknown query param', '/api/slos?service=checkout', ['query.service'], 'viewer'),
  ];
}

/** Synthetic checks: each kind's settings, the interval bounds, targets the outbound policy refuses. */
function checkCases(): Case[] {
  const http = (w: World, more: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'http', http: { url: 'http://127.0.0.1:1/', ...settings }, ...more });
  const post = (name: string, body: (w: World) => unknown, fields: string[]): Case => ({ name: `checks: ${name}`, method: 'POST', path: () => '/api/checks', bodyOf: body, as: 'responder', ...invalid(fields) });
  const id = randomUUID();
  return [
    post('unknown kind', (w) => ({ ...http(w), kind: 'ping' }), ['kind']),
    post('interval under 20 s', (w) => http(w, { intervalSeconds: 10 }), ['intervalSeconds']),
    post('interval over a day', (w) => http(w, { intervalSeconds: 86_401 }), ['intervalSeconds']),
    post('timeout over a minute', (w) => http(w, { timeoutSeconds: 61 }), ['timeoutSeconds']),
    post('too many retries', (w) => http(w, { retries: 11 }), ['retries']),
    post('URL not http', (w) => http(w, {}, { url: 'ftp://files.example.com/' }), ['http.url']),
    post('header with a line break', (w) => http(w, {}, { headers: { 'x-a': 'b\r\nx-evil: 1' } }), ['http.headers.x-a']),
    post('status out of range', (w) => http(w, {}, { expectedStatus: [99] }), ['http.expectedStatus.0']),
    post('unknown method', (w) => http(w, {}, { method: 'TRACE' }), ['http.method']),
    post('settings of another kind', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'tcp', http: { url: 'http://127.0.0.1:1/' } }), ['tcp', 'http']),
    post('TCP port out of range', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'tcp', tcp: { host: '127.0.0.1', port: 70_000 } }), ['tcp.port']),
    post('TLS days left negative', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'tls', tls: { host: 'example.com', minDaysLeft: -1 } }), ['tls.minDaysLeft']),
    post('DNS record type unknown', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'dns', dns: { name: 'example.com', recordType: 'SRV' } }), ['dns.recordType']),
    post('DNS server by name', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'dns', dns: { name: 'example.com', server: 'ns1.example.com' } }), ['dns.server']),
    post('internal target (outbound policy)', (w) => http(w, {}, { url: 'http://10.0.0.1/' }), ['http.url']),
    post('internal DNS server (outbound policy)', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'dns', dns: { name: 'example.com', server: '192.168.1.1:53' } }), ['dns.server']),
    post('no such service', () => ({ name: 'C', serviceId: id, kind: 'http', http: { url: 'http://127.0.0.1:1/' } }), ['serviceId']),
    { name: 'checks: test now with a bad URL', method: 'POST', path: () => '/api/checks/test', json: { name: 'C', serviceId: id, kind: 'http', http: { url: 'nope' } }, as: 'responder', ...invalid(['http.url']) },
    { name: 'checks: pause with a string', method: 'POST', path: () => `/api/checks/${id}/pause`, json: { paused: 'yes' }, as: 'responder', ...invalid(['paused']) },
    q('checks: series of an unknown resolution', `/api/checks/${id}/series?resolution=week`, ['query.resolution']),
    q('checks: series from a non-date', `/api/checks/${id}/series?from=yesterday`, ['query.from']),
    q('checks: results limit 0', `/api/checks/${id}/results?limit=0`, ['query.limit']),
    { name: 'checks: an unknown check', method: 'GET', path: () => `/api/checks/${id}`, as: 'viewer', status: 404, code: 'not_found' },
  ];
}

function healthCases(): Case[] {
  const view = (w: World) => `/api/health/teams/${w.teamA.id}`;
  const settings = (w: World) => `/api/health/teams/${w.teamA.id}/settings`;
  const g = (name: string, path: (w: World) => string, fields: string[]): Case => ({ name, method: 'GET', path, as: 'viewer', ...invalid(fields) });
  return [
    g('health: from is no timestamp', (w) => `${view(w)}?from=yesterday`, ['query.from']),
    g('health: to without an offset', (w) => `${view(w)}?to=2026-03-01T00:00:00`, ['query.to']),
    g('health: unknown param', (w) => `${view(w)}?week=3`, ['query.week']),
    g('health: to before from', (w) => `${view(w)}?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`, ['query.to']),
    g('health: more than a year', (w) => `${view(w)}?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`, ['query.from']),
    g('health: org period backwards', () => '/api/health/org?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', ['query.to']),
    { name: 'health: unknown team', method: 'GET', path: () => `/api/health/teams/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    { name: 'health: unknown service', method: 'GET', path: () => `/api/health/services/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    { name: 'health: unknown person', method: 'GET', path: () => `/api/health/people/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    g('person toil: weeks 0', (w) => `/api/health/people/${w.viewer.id}/toil?weeks=0`, ['query.weeks']),
    g('person toil: unknown param', (w) => `/api/health/people/${w.viewer.id}/toil?team=x`, ['query.team']),
    { name: 'person toil: unknown person', method: 'GET', path: () => `/api/health/people/${randomUUID()}/toil`, as: 'viewer', status: 404, code: 'not_found' },
    v('health settings: unknown zone', 'PATCH', settings, { timeZone: 'Mars/Olympus' }, 'admin', ['timeZone']),
    v('health settings: weekday 8', 'PATCH', settings, { reportWeekday: 8 }, 'admin', ['reportWeekday']),
    v('health settings: time is not a clock time', 'PATCH', settings, { reportTime: '9am' }, 'admin', ['reportTime']),
    v('health settings: ack target 0', 'PATCH', settings, { ackPrimaryMinutes: 0 }, 'admin', ['ackPrimaryMinutes']),
    v('health settings: email list of junk', 'PATCH', settings, { reportEmails: ['not-an-email'] }, 'admin', ['reportEmails.0']),
    v('health settings: webhook not a URL', 'PATCH', settings, { reportWebhookUrl: 'hook' }, 'admin', ['reportWebhookUrl']),
    v('health settings: unknown field', 'PATCH', settings, { zone: 'UTC' }, 'admin', ['zone']),
    { name: 'health settings: unknown team', method: 'PATCH', path: () => `/api/health/teams/${randomUUID()}/settings`, json: { reportTime: '10:00' }, as: 'admin', status: 404, code: 'not_found' },
    v('health settings: short webhook secret', 'PATCH', settings, { reportWebhookSecret: 'short' }, 'admin', ['reportWebhookSecret']),
    v('health settings: webhook without secret', 'PATCH', settings, { reportWebhookUrl: 'https://example.com/hook' }, 'admin', ['reportWebhookSecret']),
    v('org review settings: unknown zone', 'PATCH', () => '/api/health/org/settings', { timeZone: 'Mars/Olympus' }, 'admin', ['timeZone']),
    v('org review settings: weekday 0', 'PATCH', () => '/api/health/org/settings', { reportWeekday: 0 }, 'admin', ['reportWeekday']),
    v('org review settings: no ack targets here', 'PATCH', () => '/api/health/org/settings', { ackPrimaryMinutes: 5 }, 'admin', ['ackPrimaryMinutes']),
    v('org review settings: webhook without secret', 'PATCH', () => '/api/health/org/settings', { reportWebhookUrl: 'https://example.com/hook' }, 'admin', ['reportWebhookSecret']),
    g('org review: week is no date', () => '/api/health/org/review?week=last', ['query.week']),
    g('review: week is no date', (w) => `/api/health/teams/${w.teamA.id}/review?week=last`, ['query.week']),
    g('review: week not started', (w) => `/api/health/teams/${w.teamA.id}/review?week=2999-01-01`, ['query.week']),
    g('review: unknown param', () => '/api/health/org/review?format=md', ['query.format']),
    { name: 'review: unknown team', method: 'GET', path: () => `/api/health/teams/${randomUUID()}/review`, as: 'viewer', status: 404, code: 'not_found' },
    // action list
    v('actions: neither title nor source', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, {}, 'admin', ['title']),
    v('actions: key without service', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { alertKey: 'disk' }, 'admin', ['serviceId']),
    v('actions: unknown service', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { serviceId: randomUUID() }, 'admin', ['serviceId']),
    v('actions: empty title', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { title: '  ' }, 'admin', ['title']),
    v('actions: unknown priority', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { title: 't', priority: 'urgent' }, 'admin', ['priority']),
    v('actions: unknown owner', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { title: 't', ownerId: randomUUID() }, 'admin', ['ownerId']),
    { name: 'actions: unknown team', method: 'POST', path: () => `/api/health/teams/${randomUUID()}/actions`, json: { title: 't' }, as: 'admin', status: 404, code: 'not_found' },
    v('actions: unknown status', 'PATCH', () => `/api/health/actions/${randomUUID()}`, { status: 'closed' }, 'admin', ['status']),
    { name: 'actions: patch an unknown item', method: 'PATCH', path: () => `/api/health/actions/${randomUUID()}`, json: { status: 'done' }, as: 'admin', status: 404, code: 'not_found' },
    // toil
    v('toil: missing fields', 'POST', () => '/api/health/toil', {}, 'responder', ['what', 'minutes']),
    v('toil: zero minutes', 'POST', () => '/api/health/toil', { what: 'x', minutes: 0 }, 'responder', ['minutes']),
    v('toil: more than a day', 'POST', () => '/api/health/toil', { what: 'x', minutes: 1441 }, 'responder', ['minutes']),
    v('toil: minutes as text', 'POST', () => '/api/health/toil', { what: 'x', minutes: '45m' }, 'responder', ['minutes']),
    v('toil: unknown category', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, category: 'fun' }, 'responder', ['category']),
    v('toil: unknown service', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, serviceId: randomUUID() }, 'responder', ['serviceId']),
    v('toil: done on no date', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, doneOn: '2026-02-30' }, 'responder', ['doneOn']),
    v('toil: unknown service with a team', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, serviceId: randomUUID(), teamId: randomUUID() }, 'responder', ['serviceId']),
    g('toil: weeks 0', (w) => `/api/health/teams/${w.teamA.id}/toil?weeks=0`, ['query.weeks']),
    g('toil: weeks 53', (w) => `/api/health/teams/${w.teamA.id}/toil?weeks=53`, ['query.weeks']),
    { name: 'toil: delete an unknown entry', method: 'DELETE', path: () => `/api/health/toil/${randomUUID()}`, as: 'responder', status: 404, code: 'not_found' },
    // risks
    v('risks: missing fields', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, {}, 'admin', ['title', 'impact', 'likelihood', 'effort']),
    v('risks: impact 6', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 6, likelihood: 1, effort: 'S' }, 'admin', ['impact']),
    v('risks: likelihood 0', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 0, effort: 'S' }, 'admin', ['likelihood']),
    v('risks: effort XXL', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'XXL' }, 'admin', ['effort']),
    v('risks: effort 0d', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: '0d' }, 'admin', ['effort']),
    v('risks: unknown service link', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'S', serviceIds: [randomUUID()] }, 'admin', ['serviceIds.0']),
    v('risks: score is computed', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'S', score: 25 }, 'admin', ['score']),
    v('risks: unknown status', 'PATCH', () => `/api/health/risks/${randomUUID()}`, { status: 'done' }, 'admin', ['status']),
    { name: 'risks: patch an unknown risk', method: 'PATCH', path: () => `/api/health/risks/${randomUUID()}`, json: { impact: 2 }, as: 'admin', status: 404, code: 'not_found' },
  ];
}

/** SLOs, synthetic checks, operational health. */
export const HEALTH_CASES: Case[] = [...sloCases(), ...checkCases(), ...healthCases()];
