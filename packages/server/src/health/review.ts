import type { Risk, WeeklyReview } from '@operable/shared';
import { DateTime } from 'luxon';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { getHealth } from './queries.js';
import { orgZone } from './org-settings.js';
import { findHealthTeam } from './repository.js';
import { actionItemsBetween, postmortemsBetween, wellbeingAnswers } from './review-work-repository.js';
import { renderHtml } from './review/html.js';
import { renderMarkdown } from './review/markdown.js';
import { buildReview } from './review/model.js';
import { actionItemsAt, postmortemsAt, wellbeingWeeks } from './review/work.js';
import { listTeamRisks } from './risk-backlog.js';
import { localTime, safeZone, topRisks } from './metrics/index.js';
import { toilOfWeeks } from './toil-log.js';

export type ReviewScope = { kind: 'team'; id: string } | { kind: 'org'; id: null };

/** Monday of the week to review: the week holding `week` (a local date), else the last complete week. */
export function reviewWeek(now: Date, zone: string, week?: string): DateTime {
  if (week) {
    const d = DateTime.fromISO(week, { zone });
    if (!d.isValid) throw invalid([{ field: 'query.week', message: 'Expected a date (YYYY-MM-DD)' }]);
    return d.startOf('week');
  }
  return localTime(now, zone).startOf('week').minus({ weeks: 1 });
}

/**
 * The weekly operational review of a team (or the organisation) for one week, as
 * Markdown and email-safe HTML, from the same health numbers as the views.
 */
export async function getWeeklyReview(ctx: Ctx, scope: ReviewScope, query: { week?: string }): Promise<WeeklyReview> {
  requireRole(ctx.actor, 'viewer');
  let zone = await orgZone(ctx.db);
  if (scope.kind === 'team') {
    const team = await findHealthTeam(ctx.db, scope.id);
    if (!team) throw notFound('Team', scope.id);
    zone = safeZone(team.time_zone);
  }
  const monday = reviewWeek(ctx.clock.now(), zone, query.week);
  if (monday.toMillis() > ctx.clock.now().getTime()) throw invalid([{ field: 'query.week', message: 'That week has not started yet' }]);
  const range = (start: DateTime) => ({ from: start.toUTC().toISO()!, to: start.plus({ weeks: 1 }).toUTC().toISO()! });
  const [current, previous] = [await getHealth(ctx, scope, range(monday)), await getHealth(ctx, scope, range(monday.minus({ weeks: 1 })))];
  let risks: Risk[] = [];
  let toil = null;
  let previousToil = null;
  if (scope.kind === 'team') {
    risks = (await listTeamRisks(ctx, scope.id)).top;
    toil = await toilOfWeeks(ctx, scope.id, monday.toISODate()!, 1);
    previousToil = await toilOfWeeks(ctx, scope.id, monday.minus({ weeks: 1 }).toISODate()!, 1);
  }
  const model = buildReview({
    current,
    previous,
    toil,
    previousToil,
    risks: topRisks(risks, 10),
    ...(await workOf(ctx, scope.kind === 'team' ? scope.id : null, monday)),
    generatedAt: ctx.clock.now().toISOString(),
  });
  return {
    scope: current.scope,
    weekStart: monday.toISODate()!,
    title: model.title,
    markdown: renderMarkdown(model),
    html: renderHtml(model),
    health: current,
    deltas: model.deltas,
    work: model.work,
  };
}

const WELLBEING_WEEKS = 4;

/** Wellbeing, post-mortems due and action items at the end of the week of `monday` and of the week before. */
async function workOf(ctx: Ctx, teamId: string | null, monday: DateTime) {
  const week = (start: DateTime) => ({ start: start.toMillis(), end: start.plus({ weeks: 1 }).toMillis(), date: start.toISODate()! });
  const [previous, current] = [week(monday.minus({ weeks: 1 })), week(monday)];
  const trend = (last: DateTime) => Array.from({ length: WELLBEING_WEEKS }, (_, i) => week(last.minus({ weeks: WELLBEING_WEEKS - 1 - i })));
  const since = new Date(previous.start);
  const to = new Date(current.end);
  const [answers, postmortems, items] = await Promise.all([
    wellbeingAnswers(ctx.db, teamId, new Date(monday.minus({ weeks: WELLBEING_WEEKS }).toMillis()), to),
    postmortemsBetween(ctx.db, teamId, since, to),
    actionItemsBetween(ctx.db, teamId, since, to),
  ]);
  return {
    work: { wellbeing: wellbeingWeeks(answers, trend(monday)), postmortems: postmortemsAt(postmortems, current.end), actionItems: actionItemsAt(items, current.start, current.end) },
    previousWork: { wellbeing: wellbeingWeeks(answers, trend(monday.minus({ weeks: 1 }))), postmortems: postmortemsAt(postmortems, previous.end), actionItems: actionItemsAt(items, previous.start, previous.end) },
  };
}
