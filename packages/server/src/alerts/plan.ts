import type { EscalationTarget } from '@operable/shared';
import { activeMaintenance, stormDecision, type MaintenanceWindow, type StormGroup } from './rules/index.js';
import type { Urgency } from './events.js';

/**
 * Who gets paged for a batch of new alerts, decided before anything is written, so
 * each alert is inserted once with its group and suppression already set (no second
 * write per alert) and a whole batch costs one statement. Pure: the caller reads the
 * context under the services' locks and writes the plan in the same transaction.
 */

export interface PlanService {
  policyId: string | null;
  stormWindowSeconds: number;
}

export interface FreshAlert {
  /** Chosen by the caller, so followers can point at a leader that is not written yet. */
  id: string;
  serviceId: string;
  urgency: Urgency;
  source: string | null;
  /** A person paging people by name: paged whatever maintenance or storms say. */
  directTargets?: EscalationTarget[];
}

export interface PlanInput {
  now: Date;
  services: ReadonlyMap<string, PlanService>;
  /** Open storm groups per service, as read under the lock. */
  groups: ReadonlyMap<string, readonly StormGroup[]>;
  windows: readonly MaintenanceWindow[];
  /** In arrival order; every one is new. */
  fresh: readonly FreshAlert[];
}

export type PagingOutcome = 'paging' | 'grouped' | 'suppressed' | 'no_policy';

export interface PlannedAlert {
  groupLeaderId: string | null;
  /** The group's size when the alert leads one (itself included), else 1. */
  groupSize: number;
  suppressedBy: string | null;
  outcome: PagingOutcome;
}

export interface PlannedStart {
  alertId: string;
  policyId: string | null;
  directTargets?: EscalationTarget[];
}

export interface TriggerPlan {
  alerts: Map<string, PlannedAlert>;
  log: { alertId: string; event: string; details: unknown }[];
  /** Alerts that joined each group led by an alert written before this batch. */
  joinedEarlierLeaders: Map<string, number>;
  starts: PlannedStart[];
}

export function planTriggers(input: PlanInput): TriggerPlan {
  const alerts = new Map<string, PlannedAlert>();
  const log: TriggerPlan['log'] = [];
  const joinedEarlierLeaders = new Map<string, number>();
  const starts: PlannedStart[] = [];
  const groups = new Map([...input.groups].map(([service, list]) => [service, list.map((g) => ({ ...g }))]));

  // One function for the batch, not one per alert: a storm plans thousands.
  const decide = (alert: FreshAlert, { groupLeaderId, suppressedBy, outcome }: Omit<PlannedAlert, 'groupSize'>, event?: { event: string; details: unknown }) => {
    alerts.set(alert.id, { groupLeaderId, groupSize: 1, suppressedBy, outcome });
    if (event) log.push({ alertId: alert.id, event: event.event, details: event.details });
  };
  for (const alert of input.fresh) {
    const service = input.services.get(alert.serviceId);
    if (!service) throw new Error(`No paging settings for service ${alert.serviceId}`);
    const triggered: Record<string, unknown> = { urgency: alert.urgency, source: alert.source };
    log.push({ alertId: alert.id, event: 'triggered', details: triggered });

    if (alert.directTargets) {
      decide(alert, { groupLeaderId: null, suppressedBy: null, outcome: 'paging' });
      starts.push({ alertId: alert.id, policyId: null, directTargets: alert.directTargets });
      continue;
    }
    const maintenance = activeMaintenance(input.windows, alert.serviceId, input.now);
    if (maintenance) {
      decide(alert, { groupLeaderId: null, suppressedBy: maintenance.id, outcome: 'suppressed' }, { event: 'suppressed', details: { maintenanceWindowId: maintenance.id } });
      continue;
    }
    if (service.stormWindowSeconds > 0) {
      const own = groups.get(alert.serviceId) ?? [];
      const decision = stormDecision(input.now, own, { windowSeconds: service.stormWindowSeconds });
      if (decision.kind === 'join') {
        own.find((g) => g.leaderId === decision.leaderId)!.size++;
        const leader = alerts.get(decision.leaderId);
        if (leader) leader.groupSize++;
        else joinedEarlierLeaders.set(decision.leaderId, (joinedEarlierLeaders.get(decision.leaderId) ?? 0) + 1);
        // A storm logs thousands of joins: each rides on its alert's one log row instead of a
        // second row (older alerts have a 'grouped' row, which readers still understand).
        triggered.leaderId = decision.leaderId;
        decide(alert, { groupLeaderId: decision.leaderId, suppressedBy: null, outcome: 'grouped' });
        continue;
      }
      // This alert leads a new group for the rest of the batch (and later ones).
      groups.set(alert.serviceId, [...own, { leaderId: alert.id, startedAt: input.now, lastAlertAt: input.now, size: 1, resolved: false }]);
    }
    if (!service.policyId) {
      decide(alert, { groupLeaderId: null, suppressedBy: null, outcome: 'no_policy' }, { event: 'not_paged', details: { reason: 'The service has no escalation policy' } });
      continue;
    }
    decide(alert, { groupLeaderId: null, suppressedBy: null, outcome: 'paging' });
    starts.push({ alertId: alert.id, policyId: service.policyId });
  }
  return { alerts, log, joinedEarlierLeaders, starts };
}
