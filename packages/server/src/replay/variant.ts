import { UpdateEscalationPolicy, UpdateSchedule, UpdateService, UpdateUser } from '@operable/shared';
import { z } from 'zod';
import { listUsers, updateUser } from '../auth/index.js';
import { listServices, updateService } from '../catalog/index.js';
import { inTransaction } from '../db/index.js';
import { listEscalationPolicies, updateEscalationPolicy } from '../escalation/index.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { listSchedules, updateSchedule } from '../schedules/index.js';

/**
 * A variant is the configuration a team wants to try, written in the API's own
 * shapes: an entry is what `GET` returned for a service, policy, schedule or person,
 * edited. It names its object by `id`, or by `name` (`email` for people); fields the
 * update does not take (ids, timestamps, names of related things) are ignored, and
 * the rest goes through the same update verb the API uses, with its validation, on
 * the replay's scratch copy only.
 */
const Entry = z.record(z.string(), z.unknown());
export const Variant = z
  .object({
    services: z.array(Entry).default([]),
    escalationPolicies: z.array(Entry).default([]),
    schedules: z.array(Entry).default([]),
    users: z.array(Entry).default([]),
  })
  .strict();
export type Variant = z.input<typeof Variant>;

interface Kind<T extends { id: string }> {
  field: keyof z.output<typeof Variant>;
  schema: z.ZodObject;
  key: (item: T) => string;
  list: (ctx: Ctx) => Promise<T[]>;
  update: (ctx: Ctx, id: string, patch: never) => Promise<unknown>;
}

const KINDS: Kind<{ id: string; name?: string; email?: string }>[] = [
  { field: 'services', schema: UpdateService, key: (s) => s.name!, list: (ctx) => listServices(ctx), update: updateService as Kind<never>['update'] },
  { field: 'escalationPolicies', schema: UpdateEscalationPolicy, key: (p) => p.name!, list: listEscalationPolicies, update: updateEscalationPolicy as Kind<never>['update'] },
  { field: 'schedules', schema: UpdateSchedule, key: (s) => s.name!, list: listSchedules, update: updateSchedule as Kind<never>['update'] },
  { field: 'users', schema: UpdateUser, key: (u) => u.email!.toLowerCase(), list: listUsers, update: updateUser as Kind<never>['update'] },
];

const pick = (o: unknown, keys: string[]): Record<string, unknown> => (o && typeof o === 'object' ? Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, (o as Record<string, unknown>)[k]])) : {});
const LAYER_KEYS = ['name', 'role', 'participantIds', 'shiftUnit', 'shiftLength', 'handoffWeekday', 'handoffTime', 'startDate', 'restriction'];

/**
 * Where GET and the update differ inside an entry: a schedule's layers list
 * `participants` (people) where the update takes `participantIds`, and a policy's
 * targets carry display fields. Anything else the update refuses, naming it.
 */
function asInput(field: string, entry: Record<string, unknown>): Record<string, unknown> {
  if (field === 'schedules' && Array.isArray(entry.layers)) {
    const layers = entry.layers.map((l: Record<string, unknown>) =>
      pick({ ...l, participantIds: l.participantIds ?? (Array.isArray(l.participants) ? l.participants.map((p: { id?: unknown }) => p?.id) : undefined) }, LAYER_KEYS),
    );
    return { ...entry, layers };
  }
  if (field === 'escalationPolicies' && Array.isArray(entry.steps)) {
    const steps = entry.steps.map((st: Record<string, unknown>) => ({
      ...pick(st, ['delayMinutes', 'requireAllAck']),
      targets: Array.isArray(st.targets) ? st.targets.map((t) => pick(t, ['type', 'userId', 'scheduleId', 'url', 'secret'])) : st.targets,
    }));
    return { ...entry, steps };
  }
  return entry;
}

/** What changed, one line per object, for the report ("Checkout: stormWindowSeconds"). */
export async function applyVariant(ctx: Ctx, input: unknown): Promise<string[]> {
  const parsed = Variant.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ field: ['variant', ...i.path].join('.'), message: i.message })));
  const variant = parsed.data;
  const changes: string[] = [];
  await inTransaction(ctx.db, async (db) => {
    const c = { ...ctx, db };
    for (const kind of KINDS) {
      const entries = variant[kind.field];
      if (!entries.length) continue;
      const existing = await kind.list(c);
      for (const [i, raw] of entries.entries()) {
        const entry = asInput(kind.field, raw);
        const field = `variant.${kind.field}.${i}`;
        const ref = typeof entry.id === 'string' ? entry.id : kind.field === 'users' ? String(entry.email ?? '').toLowerCase() : String(entry.name ?? '');
        const target = existing.find((x) => x.id === ref || kind.key(x) === ref);
        if (!target) throw invalid([{ field, message: `no ${kind.field} entry "${ref}"` }]);
        const keys = Object.keys(kind.schema.shape).filter((k) => k in entry && k !== 'name' && k !== 'email');
        const patch = kind.schema.safeParse(Object.fromEntries(keys.map((k) => [k, entry[k]])));
        if (!patch.success) throw invalid(patch.error.issues.map((x) => ({ field: [field, ...x.path].join('.'), message: x.message })));
        await kind.update(c, target.id, patch.data as never);
        changes.push(`${kind.key(target)}: ${keys.join(', ') || 'nothing'}`);
      }
    }
  });
  return changes;
}
