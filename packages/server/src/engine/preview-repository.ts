import type { Db } from '../db/index.js';

/** Reads for the paging preview: a service's policy, a policy's name, schedule names. */

export async function servicePolicy(db: Db, serviceId: string): Promise<{ policyId: string | null } | null> {
  const row = await db.selectFrom('services').select('escalation_policy_id').where('id', '=', serviceId).executeTakeFirst();
  return row ? { policyId: row.escalation_policy_id } : null;
}

export async function policyName(db: Db, policyId: string): Promise<string | null> {
  const row = await db.selectFrom('escalation_policies').select('name').where('id', '=', policyId).executeTakeFirst();
  return row?.name ?? null;
}

export async function scheduleNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('schedules').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
