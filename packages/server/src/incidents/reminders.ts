import { raiseAlert } from '../alerts/index.js';
import { userNames } from '../auth/index.js';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { SYSTEM_ACTOR, type Ctx, type Settings } from '../lib/context.js';
import type { Logger } from '../lib/logger.js';
import { sendNotice } from '../notify/index.js';
import { incidentLabel, recordChange } from './access.js';
import { claimOverdueIncidents, linkAlerts, servicesOf, updateIncidentRow } from './repository.js';
import { currentHolders } from './roles-repository.js';
import { reminderRecipient } from './rules.js';

/**
 * When a promised status update is overdue, the communicator (else the commander)
 * is reminded through their notification rules: a direct page raised through the
 * alerts domain, as any page (acknowledge, escalate, retries). Once per promised
 * time (reminded_for), whichever engine claims the incident; the timeline says so.
 * Posting the update resolves the reminder page.
 */
export async function remindOverdueUpdates(env: { db: Db; clock: Clock; log: Logger; settings: Settings }): Promise<number> {
  const now = env.clock.now();
  const due = await claimOverdueIncidents(env.db, now, 50);
  for (const incident of due) {
    const ctx: Ctx = { actor: { ...SYSTEM_ACTOR, label: 'Operable' }, db: env.db, clock: env.clock, log: env.log, requestId: `update-reminder-${incident.id}`, settings: env.settings };
    await updateIncidentRow(env.db, incident.id, { reminded_for: incident.next_update_at });
    const recipient = reminderRecipient(await currentHolders(env.db, incident.id));
    const name = recipient ? (await userNames(env.db, [recipient.userId])).get(recipient.userId) : undefined;
    const dueAt = incident.next_update_at!;
    const label = incidentLabel(incident);
    let alert: { id: string; number: number } | undefined;
    const [service] = await servicesOf(env.db, [incident.id]);
    if (recipient && service) {
      alert = await raiseAlert(ctx, {
        serviceId: service.id,
        summary: `${label}: the status update due ${dueAt.toISOString().slice(11, 16)} UTC is overdue; post one now (${incident.title})`,
        urgency: 'high',
        userIds: [recipient.userId],
        details: { incidentId: incident.id, incidentNumber: Number(incident.number), reminder: 'status_update', dueAt: dueAt.toISOString(), drill: incident.drill },
      });
      await linkAlerts(env.db, incident.id, [alert.id], 'reminder', null, now);
    } else if (recipient) {
      // No service to page through: the reminder still reaches them, as a notice.
      await sendNotice(env.db, { userIds: [recipient.userId], kind: 'incident_update_overdue', title: `${label}: status update overdue`, text: `The update due ${dueAt.toISOString()} has not been posted.`, body: { incidentId: incident.id }, now, traceId: ctx.requestId });
    }
    const text = recipient
      ? `The status update due ${dueAt.toISOString().slice(11, 16)} UTC is overdue; reminded ${name} (${recipient.role})${alert ? ` with page #${alert.number}` : ''}`
      : `The status update due ${dueAt.toISOString().slice(11, 16)} UTC is overdue, and there is no communicator or commander to remind`;
    await recordChange(
      ctx,
      incident,
      { kind: 'update_overdue', text, data: { dueAt: dueAt.toISOString(), remindedUserId: recipient?.userId ?? null, remindedName: name ?? null, role: recipient?.role ?? null, alertId: alert?.id ?? null } },
      { action: 'incident.update_overdue', after: { dueAt, remindedUserId: recipient?.userId ?? null } },
    );
    env.log.event('INCIDENT_UPDATE_OVERDUE', { incidentId: incident.id, remindedUserId: recipient?.userId ?? null });
  }
  return due.length;
}
