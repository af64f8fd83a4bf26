import type { CreateEscalationPolicy, EscalationPolicy, EscalationTarget, EscalationTargetView, UpdateEscalationPolicy } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Actor, Ctx } from '../lib/context.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import { destinationProblem, userContactSummary } from '../notify/index.js';
import {
  deletePolicyRow,
  findPolicyByName,
  findPolicyRows,
  findSteps,
  insertPolicy,
  lockPolicyRow,
  replaceSteps,
  scheduleNames,
  servicesUsing,
  updatePolicyRow,
  type PolicyRow,
  type StoredStep,
} from './repository.js';
import { teamNames } from '../catalog/index.js';
import { userNames } from '../auth/index.js';

type StepInput = z.output<typeof CreateEscalationPolicy>['steps'][number];

export async function listEscalationPolicies(ctx: Ctx): Promise<EscalationPolicy[]> {
  requireRole(ctx.actor, 'viewer');
  return toViews(ctx.db, await findPolicyRows(ctx.db));
}

export async function getEscalationPolicy(ctx: Ctx, id: string): Promise<EscalationPolicy> {
  requireRole(ctx.actor, 'viewer');
  const [view] = await toViews(ctx.db, await findPolicyRows(ctx.db, id));
  if (!view) throw notFound('Escalation policy', id);
  return view;
}

export async function createEscalationPolicy(ctx: Ctx, input: z.output<typeof CreateEscalationPolicy>): Promise<EscalationPolicy> {
  requirePolicyEditor(ctx.actor, input.teamId);
  await requireTeam(ctx.db, input.teamId);
  if (await findPolicyByName(ctx.db, input.name)) throw nameTaken(input.name);
  const steps = await resolveSteps(ctx, input.steps, []);
  const now = ctx.clock.now();
  const id = await insertPolicy(ctx.db, {
    name: input.name,
    description: input.description,
    team_id: input.teamId,
    repeat_count: input.repeatCount,
    created_at: now,
    updated_at: now,
  });
  await replaceSteps(ctx.db, id, steps);
  const policy = await getEscalationPolicy(ctx, id);
  await recordAudit(ctx, { action: 'escalation_policy.create', entityType: 'escalation_policy', entityId: id, after: forAudit(policy) });
  return policy;
}

/** Moving a policy to another team needs edit rights on both; steps, when given, replace the old ones. */
export async function updateEscalationPolicy(ctx: Ctx, id: string, patch: z.output<typeof UpdateEscalationPolicy>): Promise<EscalationPolicy> {
  requireRole(ctx.actor, 'responder');
  const row = await lockPolicyRow(ctx.db, id);
  if (!row) throw notFound('Escalation policy', id);
  requirePolicyEditor(ctx.actor, row.team_id);
  if (patch.teamId !== undefined && patch.teamId !== row.team_id) {
    requirePolicyEditor(ctx.actor, patch.teamId);
    await requireTeam(ctx.db, patch.teamId);
  }
  if (patch.name && patch.name.toLowerCase() !== row.name.toLowerCase() && (await findPolicyByName(ctx.db, patch.name))) {
    throw nameTaken(patch.name);
  }
  const before = await getEscalationPolicy(ctx, id);
  let secretsSetFor: string[] = [];
  if (patch.steps) {
    const previous = (await findSteps(ctx.db, [id])).get(id) ?? [];
    const steps = await resolveSteps(ctx, patch.steps, previous);
    secretsSetFor = [...new Set(patch.steps.flatMap((s) => s.targets.flatMap((t) => (t.type === 'webhook' && t.secret ? [t.url] : []))))];
    await replaceSteps(ctx.db, id, steps);
  }
  await updatePolicyRow(ctx.db, id, {
    name: patch.name,
    description: patch.description,
    team_id: patch.teamId,
    repeat_count: patch.repeatCount,
    updated_at: ctx.clock.now(),
  });
  const after = await getEscalationPolicy(ctx, id);
  await recordAudit(ctx, {
    action: 'escalation_policy.update',
    entityType: 'escalation_policy',
    entityId: id,
    before: forAudit(before),
    // Which webhook secrets were sent (hence possibly rotated) — never the secrets themselves.
    after: { ...forAudit(after), ...(secretsSetFor.length ? { webhookSecretsSetFor: secretsSetFor } : {}) },
  });
  return after;
}

/** A policy that services page through cannot go: they would silently stop paging anyone. */
export async function deleteEscalationPolicy(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'responder');
  const row = await lockPolicyRow(ctx.db, id);
  if (!row) throw notFound('Escalation policy', id);
  requirePolicyEditor(ctx.actor, row.team_id);
  const before = await getEscalationPolicy(ctx, id);
  if (before.services.length) {
    const names = before.services.map((s) => s.name).join(', ');
    throw conflict(`Services still page through this policy: ${names}. Give them another policy first.`, { services: before.services });
  }
  await deletePolicyRow(ctx.db, id);
  await recordAudit(ctx, { action: 'escalation_policy.delete', entityType: 'escalation_policy', entityId: id, before: forAudit(before) });
}

/** Admins edit every policy; responders those of their own teams; a policy of no team is admins' only. */
export function requirePolicyEditor(actor: Actor, teamId: string | null): void {
  requireRole(actor, 'responder');
  if (actor.role === 'admin') return;
  if (teamId === null) throw forbidden('Only admins may change escalation policies that belong to no team');
  if (!actor.teamIds.includes(teamId)) throw forbidden('Responders may change only their own teams’ escalation policies');
}

async function requireTeam(db: Db, teamId: string | null) {
  if (teamId && !(await teamNames(db, [teamId])).size) throw invalid([{ field: 'teamId', message: 'No such team' }]);
}

/**
 * Checks the people exist, that webhook URLs do not point inside (the outbound policy),
 * and fills in webhook secrets the client did not resend (they are write-only) from
 * the policy's current steps, matched by URL.
 */
async function resolveSteps(ctx: Ctx, steps: StepInput[], previous: StoredStep[]): Promise<Omit<StoredStep, 'position'>[]> {
  const db = ctx.db;
  const userIds = [...new Set(steps.flatMap((s) => s.targets.flatMap((t) => (t.type === 'user' ? [t.userId] : []))))];
  const known = await userNames(db, userIds);
  const schedules = await scheduleNames(db, [...new Set(steps.flatMap((s) => s.targets.flatMap((t) => ('scheduleId' in t ? [t.scheduleId] : []))))]);
  const oldSecrets = new Map<string, string>();
  for (const t of previous.flatMap((s) => s.targets)) if (t.type === 'webhook') oldSecrets.set(t.url, t.secret);
  const problems: { field: string; message: string }[] = [];
  const resolved = steps.map((step, i) => ({
    delayMinutes: step.delayMinutes,
    requireAllAck: step.requireAllAck,
    targets: step.targets.map((t, j): EscalationTarget => {
      if (t.type === 'user') {
        if (!known.has(t.userId)) problems.push({ field: `steps.${i}.targets.${j}.userId`, message: 'No such user' });
        return { type: 'user', userId: t.userId };
      }
      if (t.type !== 'webhook') {
        if (!schedules.has(t.scheduleId)) problems.push({ field: `steps.${i}.targets.${j}.scheduleId`, message: 'No such schedule' });
        return { type: t.type, scheduleId: t.scheduleId };
      }
      const secret = t.secret ?? oldSecrets.get(t.url);
      if (!secret) problems.push({ field: `steps.${i}.targets.${j}.secret`, message: 'A new webhook URL needs a secret to sign its messages with' });
      return { type: 'webhook', url: t.url, secret: secret ?? '' };
    }),
  }));
  problems.push(...(await internalWebhooks(ctx, steps)));
  if (problems.length) throw invalid(problems);
  return resolved;
}

/** Every webhook target is checked, kept ones too: an allow list narrowed since they were saved now refuses them. */
async function internalWebhooks(ctx: Ctx, steps: StepInput[]): Promise<{ field: string; message: string }[]> {
  const webhooks = steps.flatMap((step, i) => step.targets.flatMap((t, j) => (t.type === 'webhook' ? [{ url: t.url, field: `steps.${i}.targets.${j}.url` }] : [])));
  const verdicts = new Map<string, ReturnType<typeof destinationProblem>>();
  for (const { url } of webhooks) if (!verdicts.has(url)) verdicts.set(url, destinationProblem(ctx.settings.outbound, 'webhook', url));
  const problems: { field: string; message: string }[] = [];
  for (const { url, field } of webhooks) {
    const refused = await verdicts.get(url);
    if (!refused) continue;
    ctx.log.event('OUTBOUND_ADDRESS_REFUSED', { field, channel: 'webhook', userId: ctx.actor.userId, ...refused.refusal });
    problems.push({ field, message: refused.message });
  }
  return problems;
}

async function toViews(db: Db, rows: PolicyRow[]): Promise<EscalationPolicy[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const steps = await findSteps(db, ids);
  const targets = [...steps.values()].flat().flatMap((s) => s.targets);
  const userIds = [...new Set(targets.flatMap((t) => (t.type === 'user' ? [t.userId] : [])))];
  const scheduleIds = [...new Set(targets.flatMap((t) => ('scheduleId' in t ? [t.scheduleId] : [])))];
  const [names, summaries, teams, services, schedules] = await Promise.all([
    userNames(db, userIds),
    userContactSummary(db, userIds),
    teamNames(db, rows.map((r) => r.team_id)),
    servicesUsing(db, ids),
    scheduleNames(db, scheduleIds),
  ]);
  return rows.map((row) => {
    const policySteps = steps.get(row.id) ?? [];
    const warnings: string[] = [];
    const warned = new Set<string>();
    const view = policySteps.map((step, i) => ({
      delayMinutes: step.delayMinutes,
      requireAllAck: step.requireAllAck,
      targets: step.targets.map((t): EscalationTargetView => {
        // Webhook secrets are write-only: the view has the URL alone.
        if (t.type === 'webhook') return { type: 'webhook', url: t.url };
        if (t.type !== 'user') {
          const schedule = schedules.get(t.scheduleId);
          const ackTargetMinutes = t.type === 'schedule_primary' ? schedule?.primaryAck : t.type === 'schedule_secondary' ? schedule?.secondaryAck : null;
          return { type: t.type, scheduleId: t.scheduleId, name: schedule?.name ?? 'Deleted schedule', ackTargetMinutes: ackTargetMinutes ?? null };
        }
        const name = names.get(t.userId);
        const summary = summaries.get(t.userId) ?? { verified: 0, rules: 0 };
        if (!warned.has(t.userId)) {
          warned.add(t.userId);
          const warning = reachWarning(name, summary, i);
          if (warning) warnings.push(warning);
        }
        return { type: 'user', userId: t.userId, name: name ?? 'Deleted user', hasVerifiedContact: summary.verified > 0 };
      }),
    }));
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      teamId: row.team_id,
      teamName: row.team_id ? (teams.get(row.team_id) ?? null) : null,
      repeatCount: row.repeat_count,
      steps: view,
      services: services.get(row.id) ?? [],
      warnings,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

/** Why a person in the policy could not be paged, or null when they could. */
export function reachWarning(name: string | undefined, summary: { verified: number; rules: number }, stepIndex: number): string | null {
  if (name === undefined) return `Step ${stepIndex + 1} names a person who no longer exists: remove them`;
  if (!summary.verified) return `${name} has no verified contact method: they would not be reached`;
  if (!summary.rules) return `${name} has no notification rule for a verified contact method: they would not be reached`;
  return null;
}

/** Audit rows keep what was decided, not what was derived at the time (warnings, services). */
function forAudit(policy: EscalationPolicy) {
  const { warnings: _warnings, services: _services, ...rest } = policy;
  return rest;
}

const nameTaken = (name: string) =>
  conflict(`An escalation policy named ${name} already exists`, { fields: [{ field: 'name', message: 'Already in use' }] });
