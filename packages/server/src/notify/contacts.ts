import { randomInt, randomUUID } from 'node:crypto';
import {
  ErrorCode,
  type ContactMethod,
  type ContactMethodCreated,
  type ContactSetup,
  type CreateContactMethod,
  type CreateNotificationRule,
  type NotificationRule,
  type TestMessageQueued,
} from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { inTransaction } from '../db/index.js';
import { requireRole, requireSignedIn } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { hmac, safeEqual } from '../lib/crypto.js';
import { conflict, DomainError, invalid, notFound } from '../lib/errors.js';
import type { Message, Target } from './channels/index.js';
import { destinationProblem, validateTarget } from './channels/index.js';
import {
  deleteContactMethodRow,
  deleteRuleRow,
  findContactMethod,
  findContactMethods,
  findRule,
  findRules,
  findSameAddress,
  insertContactMethod,
  insertRule,
  markVerified,
  recordWrongCode,
  setVerificationCode,
  userExists,
  type ContactMethodRow,
  type NotificationRuleRow,
} from './contacts-repository.js';
import { enqueueMessage } from './outbox-repository.js';

/**
 * Everyone manages their own contact methods and rules, whatever their role: a
 * viewer on a schedule must be reachable too. Admins may manage anyone's (the
 * `forUser` argument). A new address is paged only once its owner has typed back
 * the code sent to it, so a typo never swallows a page at 3 a.m.
 */

export const CODE_TTL_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
/** A resend within this many seconds of the last code is refused: SMS and calls cost money and annoy. */
export const RESEND_AFTER_SECONDS = 60;

const TYPE_NAMES: Record<ContactMethod['type'], string> = {
  email: 'Email',
  sms: 'SMS',
  voice: 'Phone call',
  ntfy: 'ntfy',
  slack: 'Slack',
  teams: 'Teams',
  webhook: 'Webhook',
};

export async function getContactSetup(ctx: Ctx, forUser?: string): Promise<ContactSetup> {
  const userId = await ownerOf(ctx, forUser);
  const contactMethods = (await findContactMethods(ctx.db, userId)).map(toContactMethod);
  const notificationRules = (await findRules(ctx.db, userId)).map(toRule);
  return { contactMethods, notificationRules, warnings: contactWarnings(contactMethods, notificationRules) };
}

export async function createContactMethod(ctx: Ctx, input: z.output<typeof CreateContactMethod>, forUser?: string): Promise<ContactMethodCreated> {
  const userId = await ownerOf(ctx, forUser);
  const problem = validateTarget(input.type, input.address);
  if (problem) throw invalid([{ field: 'address', message: problem }]);
  // Before the code is sent: the verification message is the first POST to the address.
  const refused = await destinationProblem(ctx.settings.outbound, input.type, input.address);
  if (refused) {
    ctx.log.event('OUTBOUND_ADDRESS_REFUSED', { field: 'address', channel: input.type, userId: ctx.actor.userId, ...refused.refusal });
    throw invalid([{ field: 'address', message: refused.message }]);
  }
  if (input.type === 'webhook' && !input.secret) throw invalid([{ field: 'secret', message: 'A webhook needs a secret to sign its messages with' }]);
  if (input.type !== 'webhook' && input.secret) throw invalid([{ field: 'secret', message: 'Only webhook contact methods take a secret' }]);
  if (await findSameAddress(ctx.db, userId, input.type, input.address)) {
    throw conflict(`You already have ${TYPE_NAMES[input.type]} ${input.address}`, { fields: [{ field: 'address', message: 'Already added' }] });
  }
  const now = ctx.clock.now();
  const hadRules = (await findRules(ctx.db, userId)).length > 0;
  const row = await insertContactMethod(ctx.db, {
    user_id: userId,
    type: input.type,
    address: input.address,
    label: input.label,
    secret: input.secret ?? null,
    created_at: now,
  });
  const sent = await sendCode(ctx, row);
  const method = toContactMethod(sent);
  await recordAudit(ctx, { action: 'contact_method.create', entityType: 'contact_method', entityId: row.id, after: method });
  // Someone's first contact method should page them once verified, without a second form to find.
  let defaultRule: NotificationRule | null = null;
  if (!hadRules) {
    defaultRule = toRule(await insertRule(ctx.db, { user_id: userId, contact_method_id: row.id, delay_minutes: 0, urgency: 'any', created_at: now }));
    await recordAudit(ctx, { action: 'notification_rule.create', entityType: 'notification_rule', entityId: defaultRule.id, after: { ...defaultRule, default: true } });
  }
  return { ...method, defaultRule };
}

/**
 * Not one transaction: a wrong code must be counted even though the call fails,
 * or the limit on guesses would forget every guess. Run with runVerbUntransacted.
 */
export async function verifyContactMethod(ctx: Ctx, id: string, code: string, forUser?: string): Promise<ContactMethod> {
  const outcome = await inTransaction(ctx.db, async (db): Promise<ContactMethod | DomainError> => {
    const tctx = { ...ctx, db };
    const userId = await ownerOf(tctx, forUser);
    const row = await findContactMethod(db, userId, id, true);
    if (!row) throw notFound('Contact method', id);
    if (row.verified_at) return toContactMethod(row);
    const now = ctx.clock.now();
    if (!row.verification_hash || !row.verification_expires_at) return wrongCode('This code can no longer be used; ask for a new one');
    if (now >= row.verification_expires_at) return wrongCode('This code has expired; ask for a new one');
    if (!safeEqual(codeHash(ctx, row.id, code), row.verification_hash)) {
      const attempts = row.verification_attempts + 1;
      const left = MAX_CODE_ATTEMPTS - attempts;
      await recordWrongCode(db, row.id, attempts, left <= 0);
      return wrongCode(left > 0 ? `Wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left` : 'Wrong code too many times; ask for a new one');
    }
    const method = toContactMethod(await markVerified(db, row.id, now));
    await recordAudit(tctx, { action: 'contact_method.verify', entityType: 'contact_method', entityId: row.id, before: toContactMethod(row), after: method });
    return method;
  });
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}

export async function resendVerificationCode(ctx: Ctx, id: string, forUser?: string): Promise<ContactMethod> {
  const row = await ownMethod(ctx, id, forUser, true);
  if (row.verified_at) throw conflict('This contact method is already verified');
  if (row.verification_expires_at) {
    const lastSent = row.verification_expires_at.getTime() - CODE_TTL_MINUTES * 60_000;
    const wait = Math.ceil((lastSent + RESEND_AFTER_SECONDS * 1000 - ctx.clock.now().getTime()) / 1000);
    if (wait > 0) throw new DomainError(ErrorCode.RateLimited, `A code was sent moments ago; ask again in ${wait} s`, { retryAfterSeconds: wait });
  }
  const method = toContactMethod(await sendCode(ctx, row));
  await recordAudit(ctx, { action: 'contact_method.resend_code', entityType: 'contact_method', entityId: row.id, after: method });
  return method;
}

/** "Send me a test": the whole path a page takes, to a verified method only (else it would carry no proof). */
export async function sendTestMessage(ctx: Ctx, id: string, forUser?: string): Promise<TestMessageQueued> {
  const row = await ownMethod(ctx, id, forUser);
  if (!row.verified_at) throw conflict('Verify this contact method first: enter the code sent to it');
  const now = ctx.clock.now();
  const messageId = await enqueueMessage(ctx.db, {
    target: targetOf(row),
    message: {
      ...baseMessage(ctx, 'test'),
      title: 'Operable test message',
      text: `This is a test from Operable, sent at ${now.toISOString()} because ${ctx.actor.label} asked for one. Pages will reach you here.`,
    },
    traceId: ctx.requestId,
    now,
  });
  await recordAudit(ctx, { action: 'contact_method.test', entityType: 'contact_method', entityId: row.id, after: { messageId } });
  return { messageId };
}

/** Its notification rules go with it (the database cascades). */
export async function deleteContactMethod(ctx: Ctx, id: string, forUser?: string): Promise<void> {
  const row = await ownMethod(ctx, id, forUser, true);
  const rules = (await findRules(ctx.db, row.user_id)).filter((r) => r.contact_method_id === row.id).map(toRule);
  await deleteContactMethodRow(ctx.db, row.id);
  await recordAudit(ctx, { action: 'contact_method.delete', entityType: 'contact_method', entityId: row.id, before: { ...toContactMethod(row), rules } });
}

export async function createNotificationRule(ctx: Ctx, input: z.output<typeof CreateNotificationRule>, forUser?: string): Promise<NotificationRule> {
  const userId = await ownerOf(ctx, forUser);
  if (!(await findContactMethod(ctx.db, userId, input.contactMethodId))) {
    throw invalid([{ field: 'contactMethodId', message: 'No such contact method of this person' }]);
  }
  const existing = await findRules(ctx.db, userId);
  if (existing.some((r) => r.contact_method_id === input.contactMethodId && r.delay_minutes === input.delayMinutes && r.urgency === input.urgency)) {
    throw conflict('The same rule already exists');
  }
  const rule = toRule(
    await insertRule(ctx.db, {
      user_id: userId,
      contact_method_id: input.contactMethodId,
      delay_minutes: input.delayMinutes,
      urgency: input.urgency,
      created_at: ctx.clock.now(),
    }),
  );
  await recordAudit(ctx, { action: 'notification_rule.create', entityType: 'notification_rule', entityId: rule.id, after: rule });
  return rule;
}

export async function deleteNotificationRule(ctx: Ctx, id: string, forUser?: string): Promise<void> {
  const userId = await ownerOf(ctx, forUser);
  const row = await findRule(ctx.db, userId, id);
  if (!row) throw notFound('Notification rule', id);
  await deleteRuleRow(ctx.db, row.id);
  await recordAudit(ctx, { action: 'notification_rule.delete', entityType: 'notification_rule', entityId: row.id, before: toRule(row) });
}

/** What stands between this person and being reached; pure, so the setup page and tests share it. */
export function contactWarnings(methods: ContactMethod[], rules: NotificationRule[]): string[] {
  const verified = new Set(methods.filter((m) => m.verified).map((m) => m.id));
  const warnings: string[] = [];
  for (const urgency of ['high', 'low'] as const) {
    const covered = rules.some((r) => verified.has(r.contactMethodId) && (r.urgency === urgency || r.urgency === 'any'));
    if (!covered) warnings.push(`No verified contact method for ${urgency}-urgency pages: they would reach no one`);
  }
  for (const m of methods) {
    if (!m.verified) warnings.push(`${methodName(m)} is not verified yet: enter the code sent to it`);
    else if (!rules.some((r) => r.contactMethodId === m.id)) warnings.push(`${methodName(m)} is verified but no notification rule uses it`);
  }
  return warnings;
}

// ------------------------------------------------------------------------------

/** Whose setup this is: the caller's own, or (admins only) the named person's. */
async function ownerOf(ctx: Ctx, forUser: string | undefined): Promise<string> {
  if (forUser === undefined || forUser === ctx.actor.userId) {
    requireRole(ctx.actor, 'viewer');
    requireSignedIn(ctx.actor);
    return ctx.actor.userId;
  }
  requireRole(ctx.actor, 'admin');
  if (!(await userExists(ctx.db, forUser))) throw notFound('User', forUser);
  return forUser;
}

/** Someone else's method is not found rather than forbidden: its id says nothing. */
async function ownMethod(ctx: Ctx, id: string, forUser: string | undefined, lock = false): Promise<ContactMethodRow> {
  const userId = await ownerOf(ctx, forUser);
  const row = await findContactMethod(ctx.db, userId, id, lock);
  if (!row) throw notFound('Contact method', id);
  return row;
}

/**
 * A fresh six-digit code, kept only as a keyed SHA-256: a plain hash of a million
 * possible codes is reversed by trying them all, so a copy of the table alone must
 * not reveal pending codes. The code leaves only inside the outbox message.
 */
async function sendCode(ctx: Ctx, row: ContactMethodRow): Promise<ContactMethodRow> {
  const now = ctx.clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const updated = await setVerificationCode(ctx.db, row.id, codeHash(ctx, row.id, code), new Date(now.getTime() + CODE_TTL_MINUTES * 60_000));
  await enqueueMessage(ctx.db, {
    target: targetOf(row),
    message: {
      ...baseMessage(ctx, 'verification'),
      title: 'Your Operable verification code',
      text: `Your code is ${code}. Enter it in Operable within ${CODE_TTL_MINUTES} minutes to confirm this ${TYPE_NAMES[row.type]} address. If you did not ask for it, ignore this message.`,
    },
    traceId: ctx.requestId,
    now,
  });
  return updated;
}

const codeHash = (ctx: Ctx, contactMethodId: string, code: string) => hmac(ctx.settings.secret, `contact-code:${contactMethodId}:${code}`);

const wrongCode = (message: string) => invalid([{ field: 'code', message }]);

function baseMessage(ctx: Ctx, kind: 'test' | 'verification'): Omit<Message, 'title' | 'text'> {
  return { id: randomUUID(), kind, urgency: 'high', alerts: [], actions: {}, traceId: ctx.requestId };
}

function targetOf(row: ContactMethodRow): Target {
  return { type: row.type, address: row.address, ...(row.secret ? { secret: row.secret } : {}) };
}

const methodName = (m: ContactMethod) => (m.label ? `${m.label} (${TYPE_NAMES[m.type]})` : `${TYPE_NAMES[m.type]} ${m.address}`);

/** Secrets and code hashes never leave the server. */
function toContactMethod(row: ContactMethodRow): ContactMethod {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.type,
    address: row.address,
    label: row.label,
    verified: row.verified_at !== null,
    verificationExpiresAt: row.verification_expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function toRule(row: NotificationRuleRow): NotificationRule {
  return {
    id: row.id,
    userId: row.user_id,
    contactMethodId: row.contact_method_id,
    delayMinutes: row.delay_minutes,
    urgency: row.urgency,
    createdAt: row.created_at.toISOString(),
  };
}
