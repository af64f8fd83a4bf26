import type { EscalationTarget } from '@operable/shared';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, EscalationPoliciesTable } from '../db/index.js';

export type PolicyRow = Selectable<EscalationPoliciesTable>;

/** A step as stored: targets carry their webhook secrets, so this never leaves the server as is. */
export interface StoredStep {
  position: number;
  delayMinutes: number;
  requireAllAck: boolean;
  targets: EscalationTarget[];
}

export async function findPolicyRows(db: Db, id?: string): Promise<PolicyRow[]> {
  let q = db.selectFrom('escalation_policies').selectAll().orderBy('name').orderBy('id');
  if (id) q = q.where('id', '=', id);
  return q.execute();
}

/**
 * Locks the policy for a change. A service being pointed at it meanwhile takes a
 * key-share lock for its foreign key and so waits: a delete cannot miss a service
 * that starts using the policy while the delete checks.
 */
export async function lockPolicyRow(db: Db, id: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('escalation_policies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findPolicyByName(db: Db, name: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('escalation_policies').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertPolicy(db: Db, row: Insertable<EscalationPoliciesTable>): Promise<string> {
  const { id } = await db.insertInto('escalation_policies').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePolicyRow(db: Db, id: string, patch: Partial<Omit<PolicyRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('escalation_policies').set(patch).where('id', '=', id).execute();
}

export async function deletePolicyRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('escalation_policies').where('id', '=', id).execute();
}

/** Steps are replaced as a whole, renumbered 0..n-1 in the order given. */
export async function replaceSteps(db: Db, policyId: string, steps: Omit<StoredStep, 'position'>[]): Promise<void> {
  await db.deleteFrom('escalation_steps').where('policy_id', '=', policyId).execute();
  if (!steps.length) return;
  await db
    .insertInto('escalation_steps')
    .values(
      steps.map((s, position) => ({
        policy_id: policyId,
        position,
        delay_minutes: s.delayMinutes,
        require_all_ack: s.requireAllAck,
        targets: JSON.stringify(s.targets),
      })),
    )
    .execute();
}

export async function findSteps(db: Db, policyIds: string[]): Promise<Map<string, StoredStep[]>> {
  const result = new Map<string, StoredStep[]>(policyIds.map((id) => [id, []]));
  if (!policyIds.length) return result;
  const rows = await db
    .selectFrom('escalation_steps')
    .selectAll()
    .where('policy_id', 'in', policyIds)
    .orderBy('policy_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    result.get(r.policy_id)!.push({
      position: r.position,
      delayMinutes: r.delay_minutes,
      requireAllAck: r.require_all_ack,
      targets: r.targets as EscalationTarget[],
    });
  }
  return result;
}

/** What the engine needs when a step fires, secrets included; null when the policy is gone. */
export async function loadPolicySteps(db: Db, policyId: string): Promise<{ repeatCount: number; steps: StoredStep[] } | null> {
  const policy = await db.selectFrom('escalation_policies').select('repeat_count').where('id', '=', policyId).executeTakeFirst();
  if (!policy) return null;
  const steps = (await findSteps(db, [policyId])).get(policyId) ?? [];
  return { repeatCount: policy.repeat_count, steps };
}

/** Services belong to the catalog; a policy only needs to know who pages through it. */
export async function servicesUsing(db: Db, policyIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const result = new Map<string, { id: string; name: string }[]>(policyIds.map((id) => [id, []]));
  if (!policyIds.length) return result;
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name', 'escalation_policy_id'])
    .where('escalation_policy_id', 'in', policyIds)
    .orderBy('name')
    .execute();
  for (const r of rows) result.get(r.escalation_policy_id!)!.push({ id: r.id, name: r.name });
  return result;
}



/** Names and acknowledgement targets of schedules that policy steps point at. */
export async function scheduleNames(db: Db, ids: string[]): Promise<Map<string, { name: string; primaryAck: number; secondaryAck: number }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('schedules').select(['id', 'name', 'primary_ack_minutes', 'secondary_ack_minutes']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, primaryAck: r.primary_ack_minutes, secondaryAck: r.secondary_ack_minutes }]));
}
