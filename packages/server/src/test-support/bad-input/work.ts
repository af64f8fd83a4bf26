import { randomUUID } from 'node:crypto';
import type { World } from '../actors.js';
import { big, END, START, q, v, type As, type Case } from './cases.js';

function scheduleCases(): Case[] {
  const layer = (fields: Record<string, unknown> = {}) => ({ participantIds: [randomUUID()], startDate: '2026-01-01', ...fields });
  const schedule = (fields: Record<string, unknown> = {}, layerFields: Record<string, unknown> = {}) => ({ name: 'S', timeZone: 'UTC', layers: [layer(layerFields)], ...fields });
  const post = (name: string, body: unknown, fields: string[]) => v(`schedules: ${name}`, 'POST', () => '/api/schedules', body, 'admin', fields);
  const some = () => `/api/schedules/${randomUUID()}`;
  return [
    post('unknown time zone', schedule({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']),
    post('no layers', schedule({ layers: [] }), ['layers']),
    post('a layer without people', schedule({}, { participantIds: [] }), ['layers.0.participantIds']),
    post('participant is no user', schedule(), ['layers.0.participantIds.0']),
    post('participant id is not a uuid', schedule({}, { participantIds: ['ana'] }), ['layers.0.participantIds.0']),
    post('unknown shift unit', schedule({}, { shiftUnit: 'fortnight' }), ['layers.0.shiftUnit']),
    post('shift length 0', schedule({}, { shiftLength: 0 }), ['layers.0.shiftLength']),
    post('handoff weekday 8', schedule({}, { handoffWeekday: 8 }), ['layers.0.handoffWeekday']),
    post('handoff at 24:00', schedule({}, { handoffTime: '24:00' }), ['layers.0.handoffTime']),
    post('start date is no date', schedule({}, { startDate: '2026-02-30' }), ['layers.0.startDate']),
    post('restriction window with weekday 0', schedule({}, { restriction: [{ days: [0], start: '09:00', end: '17:00' }] }), ['layers.0.restriction.0.days.0']),
    post('restriction window at 9am', schedule({}, { restriction: [{ days: [1], start: '9am', end: '17:00' }] }), ['layers.0.restriction.0.start']),
    post('unknown role', schedule({}, { role: 'tertiary' }), ['layers.0.role']),
    post('ack target 0 minutes', schedule({ primaryAckMinutes: 0 }), ['primaryAckMinutes']),
    post('team does not exist', { ...schedule(), teamId: randomUUID() }, ['teamId']),
    q('schedules: shifts without a range', `/api/schedules/${randomUUID()}/shifts`, ['query.from', 'query.to'], 'viewer'),
    q('schedules: shifts with a bad date', `/api/schedules/${randomUUID()}/shifts?from=today&to=${END}`, ['query.from'], 'viewer'),
    q('handoffs: limit 0', `/api/schedules/${randomUUID()}/handoffs?limit=0`, ['query.limit'], 'viewer'),
    q('handoffs: unknown filter', `/api/schedules/${randomUUID()}/handoffs?role=primary`, ['query.role'], 'viewer'),
    q('handoffs: schedule id is not a uuid', '/api/schedules/payments/handoffs', ['path.id'], 'viewer'),
    q('oncall: weeks=0', '/api/oncall?weeks=0', ['query.weeks'], 'viewer'),
    q('oncall: at is no date', '/api/oncall?at=now', ['query.at'], 'viewer'),
    q('oncall: service id is not a uuid', '/api/oncall?serviceId=checkout', ['query.serviceId'], 'viewer'),
    q('oncall: unknown filter', '/api/oncall?team=a', ['query.team'], 'viewer'),
    v('overrides: end is no date', 'POST', () => `${some()}/overrides`, { userId: randomUUID(), start: START, end: 'tomorrow' }, 'admin', ['end']),
    v('overrides: unknown role', 'POST', () => `${some()}/overrides`, { userId: randomUUID(), start: START, end: END, role: 'boss' }, 'admin', ['role']),
    v('swaps: message too long', 'POST', () => `${some()}/swap-requests`, { responderId: randomUUID(), start: START, end: END, message: 'x'.repeat(1001) }, 'responder', ['message']),
    v('shadows: shadowed is not a uuid', 'POST', () => `${some()}/shadows`, { userId: randomUUID(), start: START, shadowedUserId: 'ana' }, 'admin', ['shadowedUserId']),
    { name: 'schedules: patch an unknown schedule', method: 'PATCH', path: some, json: { name: 'S' }, as: 'admin', status: 404, code: 'not_found' },
    { name: 'handoffs: of an unknown schedule', method: 'GET', path: () => `${some()}/handoffs`, as: 'viewer', status: 404, code: 'not_found' },
    { name: 'overrides: on an unknown schedule', method: 'POST', path: () => `${some()}/overrides`, json: { userId: randomUUID(), start: START, end: END }, as: 'admin', status: 404, code: 'not_found' },
    { name: 'swaps: answer an unknown request', method: 'POST', path: () => `/api/swap-requests/${randomUUID()}/accept`, as: 'responder', status: 404, code: 'not_found' },
  ];
}

function calendarCases(): Case[] {
  const fairness = (query: string) => `/api/teams/${randomUUID()}/fairness?${query}`;
  const notFound = (name: string, method: Case['method'], path: () => string, as: As): Case => ({ name, method, path, as, status: 404, code: 'not_found' });
  return [
    q('fairness: weeksBack=27', fairness('weeksBack=27'), ['query.weeksBack'], 'viewer'),
    q('fairness: weeksAhead=-1', fairness('weeksAhead=-1'), ['query.weeksAhead'], 'viewer'),
    q('fairness: weeksAhead=1.5', fairness('weeksAhead=1.5'), ['query.weeksAhead'], 'viewer'),
    q('fairness: weeksBack=abc', fairness('weeksBack=abc'), ['query.weeksBack'], 'viewer'),
    q('fairness: two bad params', fairness('weeksBack=99&weeksAhead=x'), ['query.weeksBack', 'query.weeksAhead'], 'viewer'),
    q('fairness: unknown param', fairness('weeks=4'), ['query.weeks'], 'viewer'),
    notFound('fairness: unknown team', 'GET', () => fairness('weeksBack=1'), 'viewer'),
    v('calendar: unknown revoke scope', 'DELETE', () => `/api/schedules/${randomUUID()}/calendar-feed?scope=all`, undefined, 'viewer', ['query.scope']),
    notFound('calendar: feed of an unknown schedule', 'POST', () => `/api/schedules/${randomUUID()}/calendar-feed`, 'viewer'),
    notFound('calendar: revoke on an unknown schedule', 'DELETE', () => `/api/schedules/${randomUUID()}/calendar-feed`, 'viewer'),
    // The feed answers the same to unknown, malformed and path-like tokens, signed in or not.
    notFound('calendar: unknown feed token', 'GET', () => `/ical/${'A'.repeat(43)}.ics`, 'anonymous'),
    notFound('calendar: feed without .ics', 'GET', () => `/ical/${'A'.repeat(43)}`, 'anonymous'),
    notFound('calendar: feed token with dots', 'GET', () => '/ical/..%2F..%2Fetc%2Fpasswd.ics', 'viewer'),
    notFound('calendar: empty feed token', 'GET', () => '/ical/.ics', 'anonymous'),
  ];
}

function recoveryCases(): Case[] {
  const team = (w: World) => `/api/teams/${w.teamA.id}`;
  return [
    q('recovery: userId is not a uuid', '/api/recovery?userId=ana', ['query.userId'], 'viewer'),
    q('recovery: teamId is not a uuid', '/api/recovery?teamId=team-a', ['query.teamId'], 'viewer'),
    q('recovery: from is no date', '/api/recovery?from=2026-13-01', ['query.from'], 'viewer'),
    q('recovery: to is a timestamp, not a local date', '/api/recovery?to=2026-03-01T00:00:00Z', ['query.to'], 'viewer'),
    q('recovery: unknown param', '/api/recovery?day=2026-03-01', ['query.day'], 'viewer'),
    q('recovery: to before from', '/api/recovery?from=2026-03-02&to=2026-03-01', ['query.to'], 'viewer'),
    { name: 'recovery: decline an unknown record', method: 'POST', path: () => `/api/recovery/${randomUUID()}/decline`, as: 'viewer', status: 404, code: 'not_found' },
    v('teams: sleep start is not a clock time', 'PATCH', team, { sleepStart: '25:00' }, 'admin', ['sleepStart']),
    v('teams: sleep window that ends where it starts', 'PATCH', team, { sleepStart: '23:00', sleepEnd: '23:00' }, 'admin', ['sleepEnd']),
    v('teams: sleep start equal to the stored end', 'PATCH', team, { sleepStart: '08:00' }, 'admin', ['sleepStart']),
    v('teams: recovery after 0 minutes', 'PATCH', team, { recoveryAfterMinutes: 0 }, 'admin', ['recoveryAfterMinutes']),
    v('teams: recovery after more than a day', 'PATCH', team, { recoveryAfterMinutes: 1441 }, 'admin', ['recoveryAfterMinutes']),
    v('teams: recovery minutes as a string', 'PATCH', team, { recoveryAfterMinutes: '60' }, 'admin', ['recoveryAfterMinutes']),
    v('teams: next-day override as a string', 'PATCH', team, { recoveryNextDayOverride: 'yes' }, 'admin', ['recoveryNextDayOverride']),
    v('teams: holiday that is no date', 'PATCH', team, { holidays: ['2026-12-25', '2026-02-30'] }, 'admin', ['holidays.1']),
    v('teams: holidays as one string', 'PATCH', team, { holidays: '2026-12-25' }, 'admin', ['holidays']),
  ];
}

function incidentCases(): Case[] {
  const declare = (name: string, body: unknown, fields: string[]) => v(`incidents: ${name}`, 'POST', () => '/api/incidents', body, 'responder', fields);
  const cmd = (fields: Record<string, unknown>) => ({ clientId: 'run-12345678', command: 'ls', osUser: 'u', host: 'h', cwd: '/', startedAt: START, endedAt: END, exitCode: 0, outputTail: '', ...fields });
  return [
    declare('severity 5', { title: 'T', severity: 5 }, ['severity']),
    declare('blank title', { title: '  ', severity: 2 }, ['title']),
    declare('alert id is not a uuid', { title: 'T', severity: 2, alertIds: ['alert-1'] }, ['alertIds.0']),
    declare('alert does not exist', { title: 'T', severity: 2, alertIds: [randomUUID()] }, ['alertIds.0']),
    declare('service does not exist', { title: 'T', severity: 2, serviceIds: [randomUUID()] }, ['serviceIds.0']),
    declare('war room link is not http', { title: 'T', severity: 2, warRoomUrl: 'javascript:alert(1)' }, ['warRoomUrl']),
    declare('commander is nobody', { title: 'T', severity: 2, commanderId: randomUUID() }, ['commanderId']),
    v('incidents: unknown status', 'PATCH', () => '/api/incidents/4242', { status: 'fixed' }, 'responder', ['status']),
    v('incidents: unknown role', 'POST', () => '/api/incidents/4242/roles', { role: 'king', userId: randomUUID() }, 'responder', ['role']),
    v('incidents: unknown key moment', 'PUT', () => '/api/incidents/4242/timeline/1/key-moment', { keyMoment: 'fixed' }, 'responder', ['keyMoment']),
    v('incidents: next update in 0 minutes', 'POST', () => '/api/incidents/4242/updates', { body: 'x', nextUpdateInMinutes: 0 }, 'responder', ['nextUpdateInMinutes']),
    v('incidents: run without confirm', 'POST', () => `/api/incidents/4242/actions/${randomUUID()}/run`, { confirm: false }, 'responder', ['confirm']),
    v('commands: missing fields', 'POST', () => '/api/incidents/4242/commands', {}, 'responder', ['clientId', 'command', 'osUser', 'host', 'cwd', 'startedAt', 'endedAt', 'exitCode', 'outputTail']),
    v('commands: end is no timestamp', 'POST', () => '/api/incidents/4242/commands', cmd({ endedAt: 'later' }), 'responder', ['endedAt']),
    v('commands: exit code 300', 'POST', () => '/api/incidents/4242/commands', cmd({ exitCode: 300 }), 'responder', ['exitCode']),
    v('commands: output tail over the limit', 'POST', () => '/api/incidents/4242/commands', cmd({ outputTail: big(16_001) }), 'responder', ['outputTail']),
    v('commands: unknown field', 'POST', () => '/api/incidents/4242/commands', cmd({ env: {} }), 'responder', ['env']),
    v('subscribers: bad email', 'POST', () => '/api/incidents/4242/subscribers', { channel: 'email', address: 'nobody' }, 'viewer', ['address']),
    v('subscribers: internal webhook address', 'POST', (w) => `/api/services/${w.serviceA.id}/incident-subscribers`, { channel: 'webhook', address: 'http://10.0.0.1/hook' }, 'viewer', ['address']),
    v('compensating actions: ftp URL', 'POST', (w) => `/api/services/${w.serviceA.id}/compensating-actions`, { name: 'N', kind: 'webhook', url: 'ftp://x.test/' }, 'admin', ['url']),
    v('compensating actions: internal webhook address', 'POST', (w) => `/api/services/${w.serviceA.id}/compensating-actions`, { name: 'N', kind: 'webhook', url: 'http://10.0.0.1/flag' }, 'admin', ['url']),
    v('redactions: not a regular expression', 'POST', () => '/api/incident-redactions', { pattern: '(' }, 'admin', ['pattern']),
    v('redactions: matches empty text', 'POST', () => '/api/incident-redactions', { pattern: '.*' }, 'admin', ['pattern']),
    v('severities: default update of 0 minutes', 'PATCH', () => '/api/incident-severities/1', { defaultUpdateMinutes: 0 }, 'admin', ['defaultUpdateMinutes']),
    v('wellbeing: stress 6', 'POST', () => `/api/wellbeing-checkins/${randomUUID()}`, { stress: 6 }, 'viewer', ['stress']),
    q('incidents: unknown status filter', '/api/incidents?status=fixed', ['query.status'], 'viewer'),
    q('incidents: limit 0', '/api/incidents?limit=0', ['query.limit'], 'viewer'),
    q('wellbeing: 53 weeks', '/api/teams/00000000-0000-4000-8000-000000000000/wellbeing?weeks=53', ['query.weeks'], 'viewer'),
    { name: 'incidents: no such incident', method: 'GET', path: () => '/api/incidents/4242', as: 'viewer', status: 404, code: 'not_found' },
  ];
}

/** Schedules, calendar feeds and fairness, recovery time off, incidents. */
export const WORK_CASES: Case[] = [...scheduleCases(), ...calendarCases(), ...recoveryCases(), ...incidentCases()];
