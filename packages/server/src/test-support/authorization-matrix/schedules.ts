import { all, signedIn, team, teamEditors, type Row } from './matrix.js';
import { answerable, cancellable, inboxItem, notOnCall, range, recoveryRecord, schedule, scheduleBody, soon } from './fixtures.js';

/** Schedules with their overrides, swaps, shadows and handoffs, the inbox, calendar feeds, fairness, replay and recovery time off. */
export const SCHEDULE_ROWS: Row[] = [
  // Schedules: like policies, they belong to a team; reading is for everyone signed in.
  { method: 'GET', path: '/api/schedules', expect: signedIn(200) },
  { method: 'POST', path: '/api/schedules', expect: teamEditors(201), prepare: (c) => ({ body: scheduleBody(team(c).id, c.w.responder.id) }) },
  { method: 'GET', path: '/api/schedules/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'PATCH', path: '/api/schedules/{id}', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { description: 'Edited' } }) },
  {
    method: 'DELETE',
    path: '/api/schedules/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/schedules', scheduleBody(team(c).id, c.w.responder.id))).id } }),
  },
  { method: 'GET', path: '/api/schedules/{id}/shifts', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id }, query: range(c.w) }) },
  { method: 'GET', path: '/api/schedules/{id}/overrides', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id }, query: range(c.w) }) },
  {
    method: 'POST',
    path: '/api/schedules/{id}/overrides',
    expect: teamEditors(201),
    prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { userId: c.w.viewer.id, start: soon(c.w, 1), end: soon(c.w, 2) } }),
  },
  {
    method: 'DELETE',
    path: '/api/schedules/{id}/overrides/{overrideId}',
    expect: teamEditors(204),
    prepare: async (c) => {
      const id = (await schedule(c)).id;
      const override = await c.w.admin.call('POST', `/api/schedules/${id}/overrides`, { userId: c.w.viewer.id, start: soon(c.w, 1), end: soon(c.w, 2) });
      return { params: { id, overrideId: override.id } };
    },
  },
  {
    // Only the person on call may ask to be covered: the admin and the outsider are not on these schedules.
    method: 'POST',
    path: '/api/schedules/{id}/swap-requests',
    expect: { anonymous: 401, viewer: 403, responder: 201, outsider: 400, admin: 400 },
    prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { responderId: c.w.viewer.id, start: soon(c.w, 3), end: soon(c.w, 4) } }),
  },
  { method: 'GET', path: '/api/schedules/{id}/shadows', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  {
    method: 'POST',
    path: '/api/schedules/{id}/shadows',
    expect: teamEditors(201),
    prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { userId: c.w.viewer.id, start: soon(c.w, 0) } }),
  },
  {
    method: 'DELETE',
    path: '/api/schedules/{id}/shadows/{shadowId}',
    expect: teamEditors(204),
    prepare: async (c) => {
      const id = (await schedule(c)).id;
      const shadow = await c.w.admin.call('POST', `/api/schedules/${id}/shadows`, { userId: c.w.viewer.id, start: soon(c.w, 0) });
      return { params: { id, shadowId: shadow.id } };
    },
  },
  // Handoff notes belong to whoever is on call now: the responder on team A's schedule.
  { method: 'GET', path: '/api/schedules/{id}/handoff-note', expect: notOnCall, prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'PUT', path: '/api/schedules/{id}/handoff-note', expect: notOnCall, prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { body: 'Disk on db-2 fills up; see runbook' } }) },
  // Handoff reports are read like the schedule itself: by anyone signed in.
  { method: 'GET', path: '/api/schedules/{id}/handoffs', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'GET', path: '/api/oncall', expect: signedIn(200) },
  { method: 'GET', path: '/api/swap-requests', expect: signedIn(200) },
  { method: 'POST', path: '/api/swap-requests/{id}/accept', expect: { ...teamEditors(200), outsider: 403 }, prepare: answerable },
  { method: 'POST', path: '/api/swap-requests/{id}/decline', expect: { ...teamEditors(200), outsider: 403 }, prepare: answerable },
  { method: 'POST', path: '/api/swap-requests/{id}/cancel', expect: { ...teamEditors(200), outsider: 403 }, prepare: cancellable },
  { method: 'GET', path: '/api/inbox', expect: signedIn(200) },
  {
    // Your own items only: the outsider tries the admin's.
    method: 'POST',
    path: '/api/inbox/{id}/read',
    expect: { ...signedIn(204), outsider: 404 },
    prepare: async (c) => ({ params: { id: await inboxItem(c.w, c.column === 'outsider' ? c.w.admin : (c.actor ?? c.w.viewer)) } }),
  },

  // Calendar feeds: anyone signed in may subscribe to any schedule (all read schedules);
  // each URL is its maker's own. The feed itself is public: its token is the credential.
  { method: 'POST', path: '/api/schedules/{id}/calendar-feed', expect: signedIn(201), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'DELETE', path: '/api/schedules/{id}/calendar-feed', expect: signedIn(204), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'POST', path: '/api/me/calendar-feed', expect: signedIn(201) },
  { method: 'DELETE', path: '/api/me/calendar-feed', expect: signedIn(204) },
  {
    method: 'GET',
    path: '/ical/{token}.ics',
    expect: all(200),
    integrationKey: true,
    prepare: async (c) => {
      const { url } = await c.w.admin.call('POST', `/api/schedules/${(await schedule(c)).id}/calendar-feed`);
      return { params: { token: /\/ical\/([\w-]+)\.ics$/.exec(url)![1]! } };
    },
  },
  { method: 'GET', path: '/api/teams/{id}/fairness', expect: signedIn(200), prepare: (c) => ({ params: { id: team(c).id } }) },
  // Replay runs on a scratch copy and changes nothing, but it costs the server seconds of work: responders and admins.
  {
    method: 'POST',
    path: '/api/replay',
    expect: { ...signedIn(200), viewer: 403 },
    prepare: () => ({ body: { history: JSON.stringify({ at: '2026-03-03T02:00:00Z', service: 'nothing', action: 'trigger', dedupKey: 'k' }) } }),
  },
  // Recovery time off: everyone signed in may read it (reports); only the person it was granted to may decline it.
  { method: 'GET', path: '/api/recovery', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/recovery/{id}/decline',
    expect: { ...signedIn(200), outsider: 403 },
    prepare: async (c) => ({ params: { id: await recoveryRecord(c.w, c.column === 'outsider' ? c.w.admin : (c.actor ?? c.w.viewer)) } }),
  },
];
