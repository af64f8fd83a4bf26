import type { EscalationTarget } from '@operable/shared';
import { randomUUID } from 'node:crypto';
import { appendLog } from '../alerts/index.js';
import { inTransaction } from '../db/index.js';
import { loadPolicySteps } from '../escalation/index.js';
import { enqueueMessage, notificationPlan } from '../notify/index.js';
import type { EngineModule } from './index.js';
import { alertMessage } from './messages.js';
import { advanceEscalation, claimDueEscalations, insertNotifications } from './repository.js';
import { nextPosition, resolveTargets } from './targets.js';

const BATCH = 50;

/**
 * Fires due escalation steps: each targeted person gets notifications per their
 * own rules (due now or after the rule's delay), webhooks get a message, and the
 * escalation moves on. A step that reaches nobody is skipped at once.
 */
export const escalateModule: EngineModule = {
  name: 'escalate',
  async tick(ctx) {
    return inTransaction(ctx.database.db, async (db) => {
      const now = ctx.clock.now();
      const due = await claimDueEscalations(db, now, BATCH);
      for (const e of due) {
        if (e.status !== 'triggered') {
          await advanceEscalation(db, e.alert_id, { stepIndex: e.step_index, cycle: e.cycle, nextAt: null, status: 'stopped' }, now);
          continue;
        }
        // A direct page is a one-step policy of the people named on it.
        const policy = e.direct_targets
          ? { repeatCount: 0, steps: [{ position: 0, delayMinutes: 0, requireAllAck: false, targets: e.direct_targets as EscalationTarget[] }] }
          : await loadPolicySteps(db, e.policy_id!);
        const step = policy?.steps[e.step_index];
        if (!policy || !step) {
          await advanceEscalation(db, e.alert_id, { stepIndex: e.step_index, cycle: e.cycle, nextAt: null, status: 'exhausted' }, now);
          await appendLog(db, [{ alertId: e.alert_id, at: now, event: 'escalation_exhausted', actor: 'engine', details: { reason: 'The policy has no such step' } }]);
          continue;
        }
        const stepNumber = e.cycle * policy.steps.length + e.step_index;
        const targets = await resolveTargets(db, step.targets, now);
        const reason = `step ${e.step_index + 1}${e.cycle ? `, repeat ${e.cycle}` : ''}`;
        /** Queues a person's notifications per their own rules; false when they have no way to be reached. */
        const notifyPerson = async (userId: string, why: string) => {
          const plan = await notificationPlan(db, userId, e.urgency);
          const rows = plan.map((p) => ({
            alertId: e.alert_id,
            userId,
            contactMethodId: p.contactMethodId,
            dueAt: new Date(now.getTime() + p.delayMinutes * 60_000),
            stepIndex: stepNumber,
            generation: e.generation,
            reason: why,
          }));
          await insertNotifications(db, rows, now);
          return rows.length > 0;
        };
        const reached: string[] = [];
        const unreachable: string[] = [];
        for (const userId of targets.userIds) (await notifyPerson(userId, reason) ? reached : unreachable).push(userId);
        // Shadows learn from copies of the same messages; nobody waits for them.
        for (const userId of targets.shadowUserIds) await notifyPerson(userId, `shadow copy, ${reason}`);
        for (const hook of targets.webhooks) {
          const message = await alertMessage(db, ctx, e.alert_id, null, randomUUID());
          await enqueueMessage(db, { target: { type: 'webhook', address: hook.url, secret: hook.secret }, message, alertIds: [e.alert_id], traceId: message.traceId, now });
        }
        const nobody = reached.length === 0 && targets.webhooks.length === 0;
        const next = nextPosition(e.step_index, e.cycle, policy.steps.length, policy.repeatCount);
        await appendLog(db, [
          {
            alertId: e.alert_id,
            at: now,
            event: nobody ? 'step_skipped' : 'escalated',
            actor: 'engine',
            details: {
              step: e.step_index + 1,
              cycle: e.cycle,
              users: reached,
              unreachable,
              webhooks: targets.webhooks.length,
              ...(targets.onCall.length ? { onCall: targets.onCall } : {}),
              ...(targets.shadowUserIds.length ? { shadows: targets.shadowUserIds } : {}),
            },
          },
        ]);
        ctx.log.event('ALERT_ESCALATED', { alertId: e.alert_id, step: e.step_index + 1, users: reached.length, skipped: nobody });
        // Nobody to notify: do not wait out the delay, go to the next step now.
        const nextAt = next ? new Date(now.getTime() + (nobody ? 0 : step.delayMinutes * 60_000)) : null;
        // Everyone-must-acknowledge steps keep waiting for each person they reached.
        const awaiting = step.requireAllAck ? reached : [];
        await advanceEscalation(
          db,
          e.alert_id,
          next ? { ...next, nextAt, status: 'active', awaiting } : { stepIndex: e.step_index, cycle: e.cycle, nextAt: null, status: awaiting.length ? 'active' : 'exhausted', awaiting },
          now,
        );
      }
      return due.length;
    });
  },
};
