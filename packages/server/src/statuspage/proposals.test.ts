import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness } from '../test-support/harness.js';

/**
 * A public incident linked to an internal one gets its next update drafted from the
 * internal incident's latest status update; the draft changes nothing anyone outside
 * sees until a person posts it.
 */
describe.each(await databaseKinds())('public updates proposed from the internal incident on %s', (kind) => {
  let w: World;
  const published = async () => {
    const res = await w.h.request('/api/v2/incidents.json');
    return { etag: res.headers.get('etag'), body: await res.text() };
  };
  const outbox = async () => Number((await w.h.operable.deps.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    w = await createWorld(await createHarness(kind));
  });
  afterAll(async () => {
    await w.h.close();
  });

  it('drafts from the latest internal update and publishes nothing until a person posts', async () => {
    const internal = await w.responder.call('POST', '/api/incidents', { title: 'Checkout errors', severity: 2, serviceIds: [w.serviceA.id] });
    await w.responder.call('POST', `/api/incidents/${internal.number}/updates`, { body: 'Looking at the payment gateway.' }, 201);
    w.h.clock.advance(5 * 60_000);
    await w.responder.call('POST', `/api/incidents/${internal.number}/updates`, { status: 'identified', body: 'A bad config push to the gateway; rolling it back.', nextUpdateInMinutes: 20 }, 201);

    const incident = await w.responder.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Checkout failures', body: 'We are investigating failed payments.', internalIncidentId: internal.id });
    expect(incident.internalIncidentId).toBe(internal.id);
    await w.h.operable.engine.runUntilIdle();
    const before = await published();
    const sent = await outbox();

    const draft = await w.responder.call('GET', `/api/statuspage/incidents/${incident.id}/proposed-update`);
    expect(draft).toEqual({
      status: 'identified',
      body: 'A bad config push to the gateway; rolling it back.',
      nextUpdateAt: new Date(w.h.clock.now().getTime() + 20 * 60_000).toISOString(),
      from: { incidentId: internal.id, incidentNumber: internal.number, incidentTitle: 'Checkout errors', updateId: expect.any(String), at: w.h.clock.now().toISOString(), author: expect.any(String) },
    });

    // Asked for, and time passing with the engine running: nothing new on the page, in the feeds or to subscribers.
    w.h.clock.advance(60_000);
    await w.h.operable.engine.runUntilIdle();
    expect(await published()).toEqual(before);
    expect(await outbox()).toBe(sent);
    expect((await w.viewer.call('GET', `/api/statuspage/incidents/${incident.id}`)).updates).toHaveLength(1);

    // A person edits the draft for customers and posts it: now it is public.
    const posted = await w.responder.call('POST', `/api/statuspage/incidents/${incident.id}/updates`, { status: draft.status, body: 'We found the cause of failed payments and are rolling back a change.', nextUpdateAt: draft.nextUpdateAt }, 201);
    expect(posted.updates).toHaveLength(2);
    expect((await published()).body).toContain('rolling back a change');
    expect((await published()).body).not.toContain('config push');
  });

  it('a draft past its next update time leaves the time to the person; an unlinked incident or no update yet is a conflict', async () => {
    const internal = await w.responder.call('POST', '/api/incidents', { title: 'Slow search', severity: 3, serviceIds: [w.serviceA.id] });
    const linked = await w.responder.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Slow search', body: 'Investigating.' });
    expect((await w.responder.request(`/api/statuspage/incidents/${linked.id}/proposed-update`)).status).toBe(409);
    // Linked later, by a PATCH (audited like any edit).
    await w.responder.call('PATCH', `/api/statuspage/incidents/${linked.id}`, { internalIncidentId: internal.id });
    const audit = await w.admin.call('GET', '/api/audit?limit=5');
    expect(audit.items.find((a: { action: string; entityId: string }) => a.action === 'statuspage.incident.edit' && a.entityId === linked.id).after.internalIncidentId).toBe(internal.id);
    const none = await w.responder.request(`/api/statuspage/incidents/${linked.id}/proposed-update`);
    expect(none.status).toBe(409);
    expect((await none.json()).error.message).toContain('no status update yet');
    await w.responder.call('POST', `/api/incidents/${internal.number}/updates`, { body: 'Index rebuild running.', nextUpdateInMinutes: 10 }, 201);
    w.h.clock.advance(15 * 60_000);
    const draft = await w.responder.call('GET', `/api/statuspage/incidents/${linked.id}/proposed-update`);
    expect(draft).toMatchObject({ status: 'investigating', body: 'Index rebuild running.', nextUpdateAt: null });
    expect((await w.viewer.request(`/api/statuspage/incidents/${linked.id}/proposed-update`)).status).toBe(403);
  });
});
