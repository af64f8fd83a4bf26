import { listServices } from '../catalog/index.js';
import { addNote, assignRole, declareIncident, listIncidents, postUpdate, recordCommand, tickChecklistItem, updateIncident } from '../incidents/index.js';
import type { Clock } from '../lib/clock.js';
import type { Actor, Ctx } from '../lib/context.js';
import { DEMO_USERS } from './demo-data.js';
import type { DemoPart } from './load-demo.js';

const HOUR = 3_600_000;
const MIN = 60_000;

/**
 * Two past incidents and one drill, told through the incident verbs as their people
 * would have run them (so the timelines, audit rows and check-ins are real). Times
 * are set relative to now by a clock that reads the moment of each step.
 */
export async function loadDemoIncidents(ctx: Ctx, userIds: Map<string, string>, teamIds: Map<string, string>, part: DemoPart): Promise<void> {
  const existing = new Set((await listIncidents(ctx, { limit: 200 })).items.map((i) => i.title));
  const services = new Map((await listServices(ctx)).map((s) => [s.name, s.id]));
  const now = ctx.clock.now().getTime();
  const as = (email: string, at: number): Ctx => {
    const person = DEMO_USERS.find((p) => p.email === email)!;
    const actor: Actor = { kind: 'user', userId: userIds.get(email)!, role: 'responder', teamIds: person.teams.map((t) => teamIds.get(t)!), label: email };
    const clock: Clock = { now: () => new Date(at), every: ctx.clock.every.bind(ctx.clock) };
    return { ...ctx, actor, clock };
  };

  for (const story of STORIES) {
    if (existing.has(story.title)) {
      part.skipped.push(story.title);
      continue;
    }
    const start = now - story.daysAgo * 24 * HOUR + story.atHourUtc * HOUR - (now % (24 * HOUR));
    const at = (minutes: number) => start + minutes * MIN;
    const [lead, second] = story.people;
    const d = await declareIncident(as(lead, at(0)), {
      title: story.title,
      severity: story.severity,
      alertIds: [],
      serviceIds: story.services.map((s) => services.get(s)!).filter(Boolean),
      drill: story.drill,
      summary: story.summary,
      createSlackChannel: false,
    });
    const ref = String(d.number);
    await assignRole(as(lead, at(3)), ref, { role: 'communicator', userId: userIds.get(second)!, page: false });
    await postUpdate(as(second, at(8)), ref, { body: story.updates[0]!, nextUpdateInMinutes: 30 });
    if (d.checklist[0]) await tickChecklistItem(as(lead, at(10)), ref, d.checklist[0].id, true);
    await addNote(as(lead, at(21)), ref, { text: story.note });
    await updateIncident(as(lead, at(24)), ref, { status: 'identified', assess: story.assess, blastRadius: story.blastRadius, compensate: story.compensate });
    await recordCommand(as(lead, at(26)), ref, {
      clientId: `demo-${d.number}-1`,
      command: story.command,
      osUser: lead.split('.')[0]!,
      host: 'ops-bastion-1',
      cwd: '/srv/ops',
      startedAt: new Date(at(26)).toISOString(),
      endedAt: new Date(at(27)).toISOString(),
      exitCode: 0,
      outputTail: story.commandOutput,
      truncated: false,
    });
    await postUpdate(as(second, at(35)), ref, { body: story.updates[1]!, status: 'monitoring', nextUpdateInMinutes: 30 });
    await postUpdate(as(second, at(story.minutesToResolve)), ref, { body: story.updates[2]!, status: 'resolved' });
    part.created.push(story.title);
  }
}

const STORIES = [
  {
    title: 'Card payments failing for EU customers',
    severity: 1 as const,
    drill: false,
    daysAgo: 3,
    atHourUtc: 2,
    services: ['checkout-api', 'payment-processor'],
    people: ['sofia.alvarez@example.com', 'marcus.johnson@example.com'] as const,
    summary: 'EU card payments declined with a gateway timeout after the processor rotated its TLS certificate.',
    assess: 'Every EU card payment fails; US and wallet payments are fine.',
    blastRadius: 'About 40% of checkouts; revenue loss while it lasts.',
    compensate: 'Route EU cards to the backup acquirer; retry failed orders once fixed.',
    note: 'The processor’s new certificate chain is not in our trust store: `x509: certificate signed by unknown authority`.',
    command: 'kubectl -n payments rollout restart deploy/payment-processor',
    commandOutput: 'deployment.apps/payment-processor restarted',
    updates: [
      'EU card payments are failing. We are investigating; wallets and US cards work.',
      'Cause found (a certificate change at the processor). A fix is deployed and payments are recovering.',
      'Payments are back to normal since 03:55 UTC. A post-mortem will follow.',
    ],
    minutesToResolve: 105,
  },
  {
    title: 'Push notifications delayed by up to an hour',
    severity: 3 as const,
    drill: false,
    daysAgo: 9,
    atHourUtc: 14,
    services: ['push-notifications'],
    people: ['hannah.kim@example.com', 'tom.whitfield@example.com'] as const,
    summary: 'The push queue backed up after a provider rate limit change.',
    assess: 'Notifications arrive late; nothing is lost.',
    blastRadius: 'All mobile users; order-status pushes are late.',
    compensate: 'Raise the worker count; email receipts still go out.',
    note: 'Provider now allows 500 requests/s per key, we send 800 at peak.',
    command: 'kubectl -n mobile scale deploy/push-worker --replicas=6',
    commandOutput: 'deployment.apps/push-worker scaled',
    updates: ['Push notifications are delayed; we are looking into it.', 'Throughput is back within the provider’s limit; the backlog is draining.', 'The backlog is gone and pushes are on time again.'],
    minutesToResolve: 180,
  },
  {
    title: 'Game day: postgres-main primary failover',
    severity: 2 as const,
    drill: true,
    daysAgo: 5,
    atHourUtc: 15,
    services: ['postgres-main'],
    people: ['daniel.okafor@example.com', 'lena.fischer@example.com'] as const,
    summary: 'A planned drill: fail the primary over and watch the services reconnect.',
    assess: 'Writes pause during the failover.',
    blastRadius: 'Every service writing to postgres-main (staging traffic only).',
    compensate: 'Fail back to the old primary if reconnects take over 5 minutes.',
    note: 'Failover took 38 s; identity reconnected only after 4 min (pool does not retry DNS).',
    command: 'patronictl failover --candidate pg-main-2 --force',
    commandOutput: 'Successfully failed over to "pg-main-2"',
    updates: ['Drill started: failing over postgres-main.', 'Failover done; identity was slow to reconnect (noted for follow-up).', 'Drill complete.'],
    minutesToResolve: 50,
  },
];
