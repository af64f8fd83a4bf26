import { randomUUID } from 'node:crypto';
import type { InboxItem } from '@operable/shared';
import type { Db } from '../db/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { enqueueMessage } from './outbox-repository.js';
import { findInboxItems, insertInboxItems, markInboxItemRead, userEmails } from './inbox-repository.js';

/**
 * A notice is news for people that is not a page: a handoff report, a swap request,
 * a shift reminder, a pre-flight warning. It lands in the in-app inbox and, by
 * email, at the account address, in the caller's transaction (so only if the change
 * behind it commits). It never interrupts: no SMS, voice or push.
 */
export interface Notice {
  userIds: readonly string[];
  kind: string;
  title: string;
  text: string;
  /** Structured content for the in-app view (e.g. the handoff report). */
  body: Record<string, unknown>;
  now: Date;
  traceId: string | null;
  email?: boolean;
}

export async function sendNotice(db: Db, notice: Notice): Promise<void> {
  const userIds = [...new Set(notice.userIds)];
  if (!userIds.length) return;
  await insertInboxItems(
    db,
    userIds.map((user_id) => ({ user_id, kind: notice.kind, title: notice.title, body: { text: notice.text, ...notice.body }, created_at: notice.now })),
  );
  if (notice.email === false) return;
  for (const { email } of await userEmails(db, userIds)) {
    const id = randomUUID();
    await enqueueMessage(db, {
      target: { type: 'email', address: email },
      message: { id, kind: 'notice', title: notice.title, text: notice.text, urgency: 'low', alerts: [], actions: {}, traceId: notice.traceId ?? id },
      traceId: notice.traceId,
      now: notice.now,
    });
  }
}

export async function listInbox(ctx: Ctx): Promise<InboxItem[]> {
  requireRole(ctx.actor, 'viewer');
  if (!ctx.actor.userId) return [];
  const rows = await findInboxItems(ctx.db, ctx.actor.userId, 100);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body as Record<string, unknown>,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  }));
}

export async function markInboxRead(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'viewer');
  if (!ctx.actor.userId || !(await markInboxItemRead(ctx.db, ctx.actor.userId, id, ctx.clock.now()))) throw notFound('Inbox item', id);
}
