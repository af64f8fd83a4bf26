import { DeclareIncident, IncidentQuery, UpdateIncident } from '@operable/shared';
import { listUsers } from '../auth/index.js';
import { listServices } from '../catalog/index.js';
import { addNote, declareIncident, listIncidents, updateIncident } from '../incidents/index.js';
import { FakeClock } from '../lib/clock.js';
import type { Ctx } from '../lib/context.js';
import { createActionItem, createPostmortem, recordMeeting, saveSection, updatePostmortem } from '../postmortems/index.js';
import type { DemoPart } from './load-demo.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const FINISHED = 'Card payments declined after acquirer certificate rotation';
const DRAFT = 'Push notifications delayed for iOS users';

/**
 * Two post-mortems for the demo, made through the incident and post-mortem verbs at
 * past moments: one reviewed, with its sections written and three action items (one
 * overdue), and one fresh draft. Skipped when their incidents exist.
 */
export async function loadDemoPostmortems(ctx: Ctx, part: DemoPart): Promise<void> {
  const existing = new Set((await listIncidents(ctx, IncidentQuery.parse({ limit: 200 }))).items.map((i) => i.title));
  const users = new Map((await listUsers(ctx)).map((u) => [u.email, u]));
  const services = new Map((await listServices(ctx)).map((s) => [s.name, s]));
  const person = (email: string) => users.get(email);
  const sofia = person('sofia.alvarez@example.com');
  const marcus = person('marcus.johnson@example.com');
  const lena = person('lena.fischer@example.com');
  const hannah = person('hannah.kim@example.com');
  const payments = services.get('payment-processor');
  const bff = services.get('mobile-bff');
  if (!sofia || !marcus || !lena || !hannah || !payments || !bff) return;

  const now = ctx.clock.now().getTime();
  /** The same ctx at another moment, acting as a person. */
  const as = (user: { id: string; email: string; role: 'viewer' | 'responder' | 'admin' }, teamId: string, at: number): Ctx => ({
    ...ctx,
    clock: new FakeClock(new Date(at)),
    actor: { kind: 'user', userId: user.id, role: user.role, teamIds: [teamId], label: user.email },
  });
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);

  if (existing.has(FINISHED)) part.skipped.push(FINISHED);
  else {
    const t0 = now - 20 * DAY;
    const team = payments.teamId;
    const incident = await declareIncident(as(sofia, team, t0), DeclareIncident.parse({ title: FINISHED, severity: 2, serviceIds: [payments.id], commanderId: sofia.id }));
    const ref = String(incident.number);
    await addNote(as(marcus, team, t0 + 9 * MINUTE), ref, { text: 'Declines are all "certificate unknown" from the primary acquirer.' });
    await addNote(as(sofia, team, t0 + 31 * MINUTE), ref, { text: 'Switched card traffic to the fallback acquirer (psp-fallback flag on).', keyMoment: 'mitigated' });
    await addNote(as(marcus, team, t0 + 58 * MINUTE), ref, { text: 'Re-issued the client certificate with the acquirer; primary back, flag off.' });
    await updateIncident(as(sofia, team, t0 + 64 * MINUTE), ref, UpdateIncident.parse({ status: 'resolved' }));
    const pm = await createPostmortem(as(sofia, team, t0 + 2 * 60 * MINUTE), { incidentId: incident.id });
    const writer = as(sofia, team, t0 + DAY);
    await updatePostmortem(writer, pm.id, { facilitatorId: lena.id, noteTakerId: marcus.id, tags: ['certificates', 'acquirer', 'payments'], interviewsDone: true });
    const written: Record<string, string> = {
      contributing_factors:
        '- The acquirer rotated its trust store on a date announced by email to an address nobody reads.\n- Our client certificate expiry is not monitored.\n- The fallback acquirer switch is manual and documented only in the runbook.',
      went_well: '- The authorisation-rate alert fired within 4 minutes.\n- The runbook’s fallback step worked first time.',
      went_wrong: '- It took 20 minutes to see that every decline had the same cause: declines are not grouped by reason on the dashboard.',
      lucky: 'It happened on a Tuesday morning in New York, with both payments engineers online; at night the fallback switch would have waited for a page.',
    };
    for (const s of pm.sections) if (written[s.key]) await saveSection(writer, pm.id, s.key, { markdown: written[s.key]!, baseRevision: s.revision });
    await recordMeeting(as(lena, team, t0 + 4 * DAY), pm.id, {});
    const items = as(lena, team, t0 + 4 * DAY + 50 * MINUTE);
    await createActionItem(items, pm.id, { title: 'Alert 30 days before any client certificate expires', type: 'detect', priority: 'high', ownerId: marcus.id, dueOn: day(-12), status: 'done', trackerKey: 'PAY-311', trackerUrl: null });
    await createActionItem(items, pm.id, { title: 'Group declines by reason on the payments dashboard', type: 'detect', priority: 'medium', ownerId: sofia.id, dueOn: day(-5), trackerKey: 'PAY-312', trackerUrl: null });
    await createActionItem(items, pm.id, { title: 'Switch to the fallback acquirer automatically when authorisations drop below 70 %', type: 'mitigate', priority: 'high', ownerId: lena.id, dueOn: day(20), trackerKey: 'PAY-313', trackerUrl: null });
    part.created.push(FINISHED);
  }

  if (existing.has(DRAFT)) part.skipped.push(DRAFT);
  else {
    const t0 = now - DAY;
    const team = bff.teamId;
    const incident = await declareIncident(as(hannah, team, t0), DeclareIncident.parse({ title: DRAFT, severity: 3, serviceIds: [bff.id], commanderId: hannah.id }));
    const ref = String(incident.number);
    await addNote(as(hannah, team, t0 + 6 * MINUTE), ref, { text: 'APNs answers 429 for about half of the sends.' });
    await addNote(as(hannah, team, t0 + 22 * MINUTE), ref, { text: 'Lowered the send concurrency from 64 to 16; the queue drains.', keyMoment: 'mitigated' });
    await updateIncident(as(hannah, team, t0 + 40 * MINUTE), ref, UpdateIncident.parse({ status: 'resolved' }));
    await createPostmortem(as(hannah, team, t0 + 2 * 60 * MINUTE), { incidentId: incident.id });
    part.created.push(DRAFT);
  }
}
