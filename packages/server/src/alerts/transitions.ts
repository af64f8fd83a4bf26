import type { Ctx } from '../lib/context.js';
import { acknowledgeOne, appendLog, awaitingAcknowledgements, findOpenAlertByKey, handOverGroup, stopPaging, transition } from './repository.js';

export type Transition = 'acknowledge' | 'resolve' | 'retrigger';

/**
 * `group`: a person acting on what they were paged for (the leader stands for its
 * storm group, so its members follow). `alone`: a sender speaking of one alert by its
 * key; grouping is for paging only and never changes the state of an alert its
 * sender still reports.
 */
export type Scope = 'group' | 'alone';

const STATUS = { acknowledge: 'acknowledged', resolve: 'resolved', retrigger: 'triggered' } as const;
const EVENT = { acknowledge: 'acknowledged', resolve: 'resolved', retrigger: 're_triggered' } as const;

/**
 * Acknowledge or resolve one alert and, in the `group` scope when it leads a storm
 * group, the alerts in its group. A call that finds the alert already there changes
 * nothing and says so (two people acknowledging at once is normal, not an error).
 */
export async function transitionAlert(
  ctx: Ctx,
  alertId: string,
  action: Transition,
  via: string,
  scope: Scope = 'group',
): Promise<{ changed: boolean; alertIds: string[] }> {
  const now = ctx.clock.now();
  const by = ctx.actor.label;
  // "Everyone must acknowledge": a person's acknowledgement counts for them; the
  // alert is acknowledged once the last of that step's people has acknowledged.
  if (action === 'acknowledge' && ctx.actor.userId) {
    const awaiting = await awaitingAcknowledgements(ctx.db, alertId);
    if (awaiting.includes(ctx.actor.userId)) {
      const left = await acknowledgeOne(ctx.db, alertId, ctx.actor.userId);
      if (left.length) {
        await appendLog(ctx.db, [{ alertId, at: now, event: 'acknowledged_by_one', actor: by, channel: via, details: { stillWaitingFor: left.length } }]);
        return { changed: true, alertIds: [alertId] };
      }
    }
  }
  const changed = await transition(ctx.db, { id: alertId }, STATUS[action], by, now);
  if (!changed.length) return { changed: false, alertIds: [] };
  const followers = scope === 'group' ? await transition(ctx.db, { leaderId: alertId }, STATUS[action], by, now) : [];
  const ids = [alertId, ...followers.map((f) => f.id)];
  await appendLog(
    ctx.db,
    ids.map((id) => ({ alertId: id, at: now, event: EVENT[action], actor: by, channel: via, details: id === alertId ? undefined : { viaLeader: alertId } })),
  );
  // Members still open keep the group's paging, so hand it over before stopping what is left.
  const heir = action === 'resolve' && scope === 'alone' ? await handOverGroup(ctx.db, alertId) : null;
  if (heir) {
    await appendLog(ctx.db, [
      { alertId, at: now, event: 'group_handed_over', actor: by, details: { newLeader: `#${heir.number}`, leaderId: heir.id } },
      { alertId: heir.id, at: now, event: 'leads_group', actor: by, details: { previousLeader: `#${changed[0]!.number}`, previousLeaderId: alertId } },
    ]);
  }
  if (action !== 'retrigger') await stopPaging(ctx.db, ids, now);
  return { changed: true, alertIds: ids };
}

/** For senders that speak in dedup keys (PagerDuty, Alertmanager, Opsgenie): only the alert the key names changes. Unknown keys change nothing. */
export async function transitionByKey(ctx: Ctx, serviceId: string, dedupKey: string, action: 'acknowledge' | 'resolve', via: string) {
  const alert = await findOpenAlertByKey(ctx.db, serviceId, dedupKey);
  if (!alert) return { changed: false, alertIds: [] };
  return transitionAlert(ctx, alert.id, action, via, 'alone');
}
