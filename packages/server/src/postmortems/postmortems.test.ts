import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { resolvedIncident } from '../test-support/postmortem-world.js';

describe.each(await databaseKinds())('post-mortems API (%s)', (kind) => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(() => h?.close());

  const start = async (o: { severity?: number; title?: string } = {}) => {
    const incident = await resolvedIncident(h, { serviceIds: [w.serviceA.id], commanderId: w.responder.id, severity: o.severity ?? 3, title: o.title });
    return w.responder.call('POST', '/api/postmortems', { incidentId: incident.id });
  };

  it('drafts from the incident: sections, timeline with key moments and gaps, deadlines, owner = commander', async () => {
    const pm = await start();
    expect(pm.state).toBe('draft');
    expect(pm.owner).toEqual({ id: w.responder.id, name: 'Rico Responder' });
    expect(pm.sections.map((s: { key: string }) => s.key)).toEqual(['summary', 'impact', 'timeline', 'commands', 'contributing_factors', 'went_well', 'went_wrong', 'lucky']);
    expect(pm.timeline.filter((e: { moment: string | null }) => e.moment).map((e: { moment: string }) => e.moment)).toEqual(['detected', 'acknowledged', 'mitigated', 'resolved']);
    expect(pm.timeline.filter((e: { gapBeforeMinutes: number | null }) => e.gapBeforeMinutes).map((e: { gapBeforeMinutes: number }) => e.gapBeforeMinutes)).toEqual([34, 35]);
    expect(pm.impact.durationMinutes).toBe(82);
    expect(new Date(pm.interviewsDueAt).getTime() - new Date(pm.incidentResolvedAt).getTime()).toBe(48 * 3_600_000);
    expect(pm.sections[3].markdown).toContain('`kubectl rollout undo deploy/checkout`');
    expect(pm.late).toEqual([]);
  });

  it('drafts from an incident run through the incidents API, automatically for a SEV2', async () => {
    const incident = await w.responder.call('POST', '/api/incidents', { title: 'Queue backlog on checkout', severity: 2, serviceIds: [w.serviceA.id] });
    h.clock.advance(5 * 60_000);
    await w.responder.call('POST', `/api/incidents/${incident.number}/notes`, { text: 'Scaled the workers from 4 to 12' });
    h.clock.advance(40 * 60_000);
    await w.responder.call('PATCH', `/api/incidents/${incident.number}`, { status: 'resolved' }, 200);
    await h.operable.engine.runUntilIdle();
    const [found] = (await w.viewer.call('GET', '/api/postmortems?q=backlog')).items;
    expect(found).toMatchObject({ incidentId: incident.id, automatic: true, severityName: 'SEV2' });
    const pm = await w.viewer.call('GET', `/api/postmortems/${found.id}`);
    const moments = pm.timeline.filter((e: { moment: string | null }) => e.moment).map((e: { moment: string }) => e.moment);
    expect(moments[0]).toBe('detected');
    expect(moments.at(-1)).toBe('resolved');
    expect(pm.timeline.find((e: { gapBeforeMinutes: number | null }) => e.gapBeforeMinutes)?.gapBeforeMinutes).toBe(40);
    expect(pm.sections[2].markdown).toContain('Scaled the workers from 4 to 12');
    expect(pm.impact.durationMinutes).toBe(45);
  });

  it('refuses a second post-mortem for the same incident and an unresolved or unknown incident', async () => {
    const incident = await resolvedIncident(h, { serviceIds: [w.serviceA.id], severity: 3 });
    await w.responder.call('POST', '/api/postmortems', { incidentId: incident.id });
    const again = await w.responder.call('POST', '/api/postmortems', { incidentId: incident.id }, 409);
    expect(again.error.code).toBe('conflict');
    const unknown = await w.responder.call('POST', '/api/postmortems', { incidentId: '00000000-0000-4000-8000-000000000000' }, 400);
    expect(unknown.error.details.fields[0].field).toBe('incidentId');
  });

  it('saves sections with revisions, refuses a stale revision, and points out blame', async () => {
    const pm = await start();
    const section = await w.responder.call('PUT', `/api/postmortems/${pm.id}/sections/went_wrong`, { markdown: 'Rico forgot to check the canary. The dashboard had no deploy markers.', baseRevision: 1 }, 200);
    expect(section.revision).toBe(2);
    expect(section.blame).toHaveLength(1);
    expect(section.blame[0]).toMatchObject({ person: 'Rico', phrase: 'forgot', sentence: 'Rico forgot to check the canary.' });
    expect(section.html).toContain('<p>Rico forgot');
    const stale = await w.responder.call('PUT', `/api/postmortems/${pm.id}/sections/went_wrong`, { markdown: 'other', baseRevision: 1 }, 409);
    expect(stale.error.details.currentRevision).toBe(2);
    await w.responder.call('PUT', `/api/postmortems/${pm.id}/sections/went_wrong`, { markdown: 'The dashboard had no deploy markers.', baseRevision: 2 }, 200);
    const history = await w.viewer.call('GET', `/api/postmortems/${pm.id}/sections/went_wrong/revisions`);
    expect(history.items.map((r: { revision: number }) => r.revision)).toEqual([3, 2, 1]);
    expect(history.items[1].markdown).toContain('forgot');
    const audit = await w.admin.call('GET', '/api/audit?limit=5');
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('postmortem.section_save');
  });

  it('moves through its states, and only with the meeting recorded to reviewed', async () => {
    const pm = await start();
    expect(pm.nextStates).toEqual(['in_review']);
    const bad = await w.responder.call('POST', `/api/postmortems/${pm.id}/state`, { state: 'closed' }, 400);
    expect(bad.error.details.fields[0].field).toBe('state');
    await w.responder.call('POST', `/api/postmortems/${pm.id}/state`, { state: 'in_review' }, 200);
    const early = await w.responder.call('POST', `/api/postmortems/${pm.id}/state`, { state: 'reviewed' }, 400);
    expect(early.error.details.fields[0].message).toContain('meeting');
    const reviewed = await w.responder.call('POST', `/api/postmortems/${pm.id}/meeting`, {}, 200);
    expect(reviewed.state).toBe('reviewed');
    expect(reviewed.followUps).toHaveLength(1);
    expect(new Date(reviewed.followUps[0].dueAt).getTime() - h.clock.now().getTime()).toBe(30 * 86_400_000);
    const closed = await w.responder.call('POST', `/api/postmortems/${pm.id}/state`, { state: 'closed' }, 200);
    expect(closed.state).toBe('closed');
    const future = await w.responder.call('POST', `/api/postmortems/${pm.id}/meeting`, { heldAt: '2099-01-01T00:00:00Z' }, 400);
    expect(future.error.details.fields[0].field).toBe('heldAt');
  });

  it('keeps roles, tags, notes per timeline entry and action items', async () => {
    const pm = await start();
    const updated = await w.responder.call('PATCH', `/api/postmortems/${pm.id}`, { facilitatorId: w.admin.id, noteTakerId: w.viewer.id, tags: ['deploys', 'deploys', 'cache'], interviewsDone: true }, 200);
    expect(updated.facilitator.id).toBe(w.admin.id);
    expect(updated.tags).toEqual(['deploys', 'cache']);
    expect(updated.interviewsDoneAt).not.toBeNull();
    const nobody = await w.responder.call('PATCH', `/api/postmortems/${pm.id}`, { ownerId: '00000000-0000-4000-8000-000000000000' }, 400);
    expect(nobody.error.details.fields[0].field).toBe('ownerId');
    await w.responder.call('PUT', `/api/postmortems/${pm.id}/timeline/${pm.timeline[4].id}/note`, { note: 'Saw the SMS on the train' }, 204);
    await w.responder.call('PUT', `/api/postmortems/${pm.id}/timeline/999999999/note`, { note: 'x' }, 404);
    const item = await w.responder.call('POST', `/api/postmortems/${pm.id}/action-items`, { title: 'Canary for checkout', type: 'prevent', ownerId: w.responder.id, dueOn: '2026-03-20', trackerUrl: 'https://tracker.example.com/OPS-1', trackerKey: 'OPS-1' });
    expect(item).toMatchObject({ status: 'open', priority: 'medium', overdue: false, owner: { id: w.responder.id } });
    const done = await w.responder.call('PATCH', `/api/postmortems/${pm.id}/action-items/${item.id}`, { status: 'done' }, 200);
    expect(done.doneAt).not.toBeNull();
    const again = await w.responder.call('GET', `/api/postmortems/${pm.id}`);
    expect(again.timeline[4].note).toBe('Saw the SMS on the train');
    expect(again.actionItems).toHaveLength(1);
    await w.responder.call('DELETE', `/api/postmortems/${pm.id}/action-items/${item.id}`, undefined, 204);
  });

  it('exports Markdown and HTML as attachments', async () => {
    const pm = await start();
    const md = await w.viewer.request(`/api/postmortems/${pm.id}/export`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toMatch(/attachment; filename="postmortem-incident-\d+\.md"/);
    expect(await md.text()).toContain('## Timeline\n\n- ');
    const html = await w.viewer.request(`/api/postmortems/${pm.id}/export?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<h2>Action items</h2>');
  });

  it('searches the library by text (stemmed), severity, service, tag and date, on this database', async () => {
    const a = await start({ title: 'Database failover during deploys', severity: 1 });
    await w.responder.call('PATCH', `/api/postmortems/${a.id}`, { tags: ['database'] }, 200);
    await w.responder.call('PUT', `/api/postmortems/${a.id}/sections/lucky`, { markdown: 'The replica had caught up seconds before.', baseRevision: 1 }, 200);
    const found = await w.viewer.call('GET', '/api/postmortems?q=replicas%20deploy');
    expect(found.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect(found.items[0].snippet).toMatch(/replica|deploy/i);
    expect((await w.viewer.call('GET', '/api/postmortems?q=nothing-like-this-anywhere')).items).toEqual([]);
    const sev1 = await w.viewer.call('GET', '/api/postmortems?severity=1');
    expect(sev1.items.map((p: { id: string }) => p.id)).toContain(a.id);
    expect(sev1.items.every((p: { severity: number }) => p.severity === 1)).toBe(true);
    expect((await w.viewer.call('GET', '/api/postmortems?tag=database')).items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expect((await w.viewer.call('GET', `/api/postmortems?serviceId=${w.serviceB.id}`)).items).toEqual([]);
    const today = h.clock.now().toISOString().slice(0, 10);
    expect((await w.viewer.call('GET', `/api/postmortems?from=${today}&to=${today}&tag=database`)).items).toHaveLength(1);
    expect((await w.viewer.call('GET', `/api/postmortems?to=2020-01-01`)).items).toEqual([]);
  });

  it('lets admins set deadlines per severity, used by later post-mortems', async () => {
    const policies = await w.viewer.call('GET', '/api/postmortem-settings/deadlines');
    expect(policies.SEV2).toEqual({ interviewsHours: 48, meetingHours: 168 });
    await w.responder.call('PUT', '/api/postmortem-settings/deadlines', policies, 403);
    await w.admin.call('PUT', '/api/postmortem-settings/deadlines', { ...policies, SEV4: { interviewsHours: 72, meetingHours: 240 } }, 200);
    const pm = await start({ severity: 4 });
    expect(new Date(pm.meetingDueAt).getTime() - new Date(pm.incidentResolvedAt).getTime()).toBe(240 * 3_600_000);
  });

  it('lets only the owning team, role holders and admins change it', async () => {
    const incident = await resolvedIncident(h, { serviceIds: [w.serviceB.id], severity: 3 });
    await w.responder.call('POST', '/api/postmortems', { incidentId: incident.id }, 403);
    const pm = await w.admin.call('POST', '/api/postmortems', { incidentId: incident.id });
    expect((await w.responder.call('GET', `/api/postmortems/${pm.id}`)).canEdit).toBe(false);
    await w.responder.call('PUT', `/api/postmortems/${pm.id}/sections/lucky`, { markdown: 'x', baseRevision: 1 }, 403);
    await w.admin.call('PATCH', `/api/postmortems/${pm.id}`, { noteTakerId: w.responder.id }, 200);
    await w.responder.call('PUT', `/api/postmortems/${pm.id}/sections/lucky`, { markdown: 'x', baseRevision: 1 }, 200);
    await w.viewer.call('PATCH', `/api/postmortems/${pm.id}`, { title: 'x' }, 403);
  });
});
