import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { DEMO_RISKS, DEMO_TOIL, generateHistory } from './history.js';
import { countToil, insertHistory, teamHasHistory, teamMemberIds, teamServiceIds } from './history-repository.js';
import { insertRisk, insertToil } from './lists-repository.js';
import { findHealthTeam } from './repository.js';
import { localTime, safeZone } from './metrics/index.js';

/**
 * Twelve weeks of generated pager history, toil and risks for each given team that
 * has services and members and no history yet (so running the demo twice adds
 * nothing). Admin only: it writes alerts straight into the record.
 */
export async function loadHealthHistory(ctx: Ctx, teamIds: string[], weeks = 12): Promise<{ teams: number; pages: number }> {
  requireRole(ctx.actor, 'admin');
  const now = ctx.clock.now();
  let teams = 0;
  let pages = 0;
  for (const [i, teamId] of teamIds.entries()) {
    if (await teamHasHistory(ctx.db, teamId)) continue;
    const [serviceIds, memberIds] = [await teamServiceIds(ctx.db, teamId), await teamMemberIds(ctx.db, teamId)];
    if (!serviceIds.length || !memberIds.length) continue;
    const zone = safeZone((await findHealthTeam(ctx.db, teamId))?.time_zone ?? 'UTC');
    const thisWeekStart = localTime(now.getTime(), zone).startOf('week').toMillis();
    pages += await insertHistory(ctx.db, teamId, generateHistory({ serviceIds, memberIds, weeks, end: now.getTime(), seed: 17 + i * 31, thisWeekStart }));
    teams += 1;
    if ((await countToil(ctx.db, teamId)) === 0) {
      for (const [k, t] of DEMO_TOIL.entries()) {
        const day = localTime(now.getTime() - (k * 3 + 1) * 86_400_000, 'UTC').toISODate()!;
        await insertToil(ctx.db, { team_id: teamId, user_id: memberIds[k % memberIds.length]!, service_id: serviceIds[k % serviceIds.length]!, what: t.what, category: t.category, minutes: t.minutes, done_on: day, created_at: now });
      }
      for (const r of DEMO_RISKS) {
        await insertRisk(
          ctx.db,
          teamId,
          { title: r.title, description: '', kind: ('kind' in r && r.kind) || 'operational', impact: r.impact, likelihood: r.likelihood, effort: r.effort, owner_id: memberIds[0]!, status: 'open', service_ids: [], action_item_ids: [] },
          now,
        );
      }
    }
  }
  return { teams, pages };
}
