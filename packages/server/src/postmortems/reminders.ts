import { randomUUID } from 'node:crypto';
import { userNames } from '../auth/index.js';
import type { Db } from '../db/index.js';
import type { Ctx } from '../lib/context.js';
import { enqueueMessage, nextWorkingStart, notificationPlan, sendNotice } from '../notify/index.js';
import { dueReminders, type Reminder } from './deadlines.js';
import { findActionItems, findFollowUps, type ActionItemRow } from './items-repository.js';
import { findOpenPostmortems, peopleHours } from './reminder-repository.js';
import { claimReminder, type PostmortemRow } from './repository.js';
import { factsOf } from './view.js';

/**
 * The engine's reminder scan: for every post-mortem not closed, each reminder whose
 * time has come is claimed by its key (one row per post-mortem and key, so any
 * number of engines send it once) and sent in the same transaction.
 */
export async function sendPostmortemReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const rows = await findOpenPostmortems(ctx.db, 1000);
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.id);
  const [items, followUps] = await Promise.all([findActionItems(ctx.db, ids), findFollowUps(ctx.db, ids)]);
  let sent = 0;
  for (const row of rows) {
    const own = items.filter((i) => i.postmortem_id === row.id);
    for (const reminder of dueReminders(factsOf(row, own, followUps.filter((f) => f.postmortem_id === row.id)), now)) {
      const to = recipients(row, reminder, own);
      if (!to.length) continue;
      if (!(await claimReminder(ctx.db, row.id, reminder.key, now))) continue;
      const text = await reminderText(ctx.db, row, reminder, own, ctx.settings.publicUrl);
      await remind(ctx.db, to, { ...text, kind: `postmortem_${reminder.kind}`, body: { postmortemId: row.id, reminder: reminder.kind, actionItemId: reminder.actionItemId ?? null } }, now);
      ctx.log.event('POSTMORTEM_REMINDER_SENT', { postmortemId: row.id, reminder: reminder.kind, userIds: to });
      sent += 1;
    }
  }
  return sent;
}

function recipients(row: PostmortemRow, r: Reminder, items: ActionItemRow[]): string[] {
  const owner = row.owner_id ?? row.facilitator_id;
  if (r.kind === 'action_item_overdue') {
    const itemOwner = items.find((i) => i.id === r.actionItemId)?.owner_id;
    return [itemOwner ?? owner].filter((x): x is string => !!x);
  }
  if (r.kind === 'follow_up_due') return [...new Set([row.owner_id, row.facilitator_id].filter((x): x is string => !!x))];
  return owner ? [owner] : [];
}

const WHEN = { interviews_near: 'soon', interviews_passed: 'overdue', meeting_near: 'soon', meeting_passed: 'overdue' } as const;

async function reminderText(db: Db, row: PostmortemRow, r: Reminder, items: ActionItemRow[], publicUrl: string): Promise<{ title: string; text: string }> {
  const link = `${publicUrl.replace(/\/$/, '')}/postmortems/${row.id}`;
  const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  switch (r.kind) {
    case 'interviews_near':
    case 'interviews_passed':
      return {
        title: `Post-mortem interviews ${WHEN[r.kind] === 'soon' ? 'due soon' : 'overdue'}: ${row.title}`,
        text: `Talk with the people involved while memory is fresh: interviews were due by ${day(new Date(row.interviews_due_at))}.\n${link}`,
      };
    case 'meeting_near':
    case 'meeting_passed':
      return {
        title: `Post-mortem meeting ${WHEN[r.kind] === 'soon' ? 'due soon' : 'overdue'}: ${row.title}`,
        text: `The review meeting is due by ${day(new Date(row.meeting_due_at))}${row.meeting_scheduled_at ? `; it is planned for ${day(new Date(row.meeting_scheduled_at))}` : '; nothing is planned yet'}.\n${link}`,
      };
    case 'action_item_overdue': {
      const item = items.find((i) => i.id === r.actionItemId)!;
      return { title: `Action item overdue: ${item.title}`, text: `Due ${item.due_on}, from the post-mortem "${row.title}". Finish it, or re-plan it with a new date.\n${link}` };
    }
    case 'follow_up_due': {
      const open = items.filter((i) => i.status === 'open' || i.status === 'in_progress');
      const names = await userNames(db, open.map((i) => i.owner_id).filter((x): x is string => !!x));
      const list = items.map((i) => `- ${i.title} (${i.status.replace('_', ' ')}${i.owner_id ? `, ${names.get(i.owner_id) ?? 'deleted user'}` : ''}${i.due_on ? `, due ${i.due_on}` : ''})`);
      return {
        title: `30-day follow-up review: ${row.title}`,
        text: `A month after the meeting, decide for each action item: keep, close or re-plan.\n${list.join('\n') || '(no action items)'}\n${link}`,
      };
    }
  }
}

/**
 * A reminder reaches each person in the inbox and through their own low-urgency
 * notification rule (the soonest one, never a voice call), held until their working
 * hours; people with no such rule get it by email at their account address.
 */
async function remind(db: Db, userIds: string[], n: { title: string; text: string; kind: string; body: Record<string, unknown> }, now: Date): Promise<void> {
  const traceId = randomUUID();
  await sendNotice(db, { userIds, kind: n.kind, title: n.title, text: n.text, body: n.body, now, traceId, email: false });
  const hours = await peopleHours(db, userIds);
  for (const userId of userIds) {
    const person = hours.get(userId);
    if (!person) continue;
    const contact = (await notificationPlan(db, userId, 'low')).find((c) => c.type !== 'voice');
    const at = new Date(now.getTime() + (contact?.delayMinutes ?? 0) * 60_000);
    await enqueueMessage(db, {
      target: contact ? { type: contact.type, address: contact.address, ...(contact.secret ? { secret: contact.secret } : {}) } : { type: 'email', address: person.email },
      message: { id: randomUUID(), kind: 'notice', title: n.title, text: n.text, urgency: 'low', alerts: [], actions: {}, traceId },
      traceId,
      now,
      notBefore: nextWorkingStart(person.workingHours, person.timeZone, at) ?? at,
    });
  }
}
