import type { AlertDetail, AlertPage, AlertQuery } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { findAlertWithService, listAlertRows, readLog, toAlert, toLogEntry } from './repository.js';
import { transitionAlert, type Transition } from './transitions.js';

type Status = 'triggered' | 'acknowledged' | 'resolved';

export async function listAlerts(ctx: Ctx, q: Omit<AlertQuery, 'before'> & { before?: number; limit: number }): Promise<AlertPage> {
  requireRole(ctx.actor, 'viewer');
  const statuses = q.status
    ? [...new Set(q.status.split(',').flatMap((s): Status[] => (s === 'open' ? ['triggered', 'acknowledged'] : [s as Status])))]
    : undefined;
  const rows = await listAlertRows(ctx.db, { statuses, serviceId: q.serviceId, urgency: q.urgency, before: q.before, limit: q.limit });
  const items = rows.map(toAlert);
  return { items, nextBefore: items.length === q.limit ? (items.at(-1)?.number ?? null) : null };
}

export async function getAlert(ctx: Ctx, id: string): Promise<AlertDetail> {
  requireRole(ctx.actor, 'viewer');
  const row = await findAlertWithService(ctx.db, id);
  if (!row) throw notFound('Alert', id);
  const log = await readLog(ctx.db, id);
  return { ...toAlert(row), log: log.map(toLogEntry), runbookUrl: row.runbook_url, runbookMarkdown: row.runbook_markdown };
}

/** People acknowledging or resolving from the UI, the API or the CLI. */
export async function actOnAlert(ctx: Ctx, id: string, action: Transition): Promise<AlertDetail> {
  requireRole(ctx.actor, 'responder');
  if (!(await findAlertWithService(ctx.db, id))) throw notFound('Alert', id);
  await transitionAlert(ctx, id, action, ctx.actor.kind === 'api_key' ? 'api' : 'web');
  return getAlert(ctx, id);
}
