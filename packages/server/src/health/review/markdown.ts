import { BAND_LABEL, change, day, dueDay, duration, hoursBasis, percent, PM_STATE, type ReviewModel, value, WEEKDAYS } from './model.js';

/** Markdown is read as text: keep table cells on one line and their pipes escaped. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const HEAT = ['·', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const heatRow = (counts: number[]) => counts.map((n) => (n > 9 ? '+' : HEAT[n])).join('');

/** The weekly review as Markdown (chat, tickets, `operable report weekly --format md`). */
export function renderMarkdown(m: ReviewModel): string {
  const c = m.current;
  const zone = m.scope.timeZone;
  const lastDay = new Date(Date.parse(m.weekEnd) - 1).toISOString();
  const out: string[] = [];
  out.push(`# ${m.title}`, '');
  out.push(`Week of ${day(m.weekStart, zone)} – ${day(lastDay, zone)} (${zone}).`, '');
  out.push('## Pager load', '');
  out.push(`**${c.pageEvents} page events: ${BAND_LABEL[c.band]}** (healthy < 2 a week, walking the edge 2–5, unhealthy > 5).`, '');
  out.push('| Week of | Page events | Band |', '|---|---:|---|');
  for (const w of c.pagerLoad) out.push(`| ${day(w.weekStart, zone)} | ${w.pageEvents} | ${BAND_LABEL[w.band]} |`);
  out.push('');
  out.push('## What changed since last week', '');
  out.push('| | This week | Last week | Change |', '|---|---:|---:|---|');
  for (const d of m.deltas) out.push(`| ${d.label} | ${value(d.now, d.unit)} | ${value(d.before, d.unit)} | ${change(d)} |`);
  out.push('');
  out.push('## People', '');
  out.push(
    `Interruptions by bucket in each person's own zone: business (Mon–Fri 08–18), off-hours (evenings, weekend days), sleep (22–08). Fairness (Gini of weighted interruptions): **${c.fairness.gini.toFixed(2)}**${c.fairness.uneven ? ' — uneven load (over 0.2)' : ''}.`,
    '',
  );
  out.push('| Person | Business | Off-hours | Sleep | Weighted | Disrupted hours | On call (h) | Recovery granted / taken |', '|---|---:|---:|---:|---:|---:|---:|---|');
  for (const p of c.people) {
    out.push(
      `| ${cell(p.user.name)} | ${p.interruptions.business} | ${p.interruptions.off_hours} | ${p.interruptions.sleep} | ${p.weighted} | ${p.disruptedHours} | ${p.onCallHours.total} | ${p.recovery.granted} / ${p.recovery.taken} |`,
    );
  }
  out.push('');
  const heated = c.people.filter((p) => p.total > 0);
  if (heated.length) {
    out.push('### Who was interrupted when', '', 'Interruptions per hour of the week, each person on their own clock (· none, + ten or more).', '');
    for (const p of heated) {
      out.push(`**${cell(p.user.name)}** (${p.user.timeZone})`, '', '```', `     ${Array.from({ length: 24 }, (_, h) => (h % 6 === 0 ? String(h).padEnd(6) : '')).join('')}`.trimEnd());
      p.heatMap.forEach((row, d) => out.push(`${WEEKDAYS[d]}  ${heatRow(row)}`));
      out.push('```', '');
    }
  }
  out.push('## Response', '');
  out.push(`- MTTA (triggered → first acknowledgement): p50 ${duration(c.mtta.p50Seconds)}, p90 ${duration(c.mtta.p90Seconds)} over ${c.mtta.count} alerts${c.unacknowledged ? `; ${c.unacknowledged} never acknowledged` : ''}`);
  out.push(`- MTTR (start → resolved): p50 ${duration(c.mttr.p50Seconds)}, p90 ${duration(c.mttr.p90Seconds)} over ${c.mttr.count} alerts${c.unresolved ? `; ${c.unresolved} still open` : ''}`);
  for (const a of c.ackSla) out.push(`- Ack within ${a.targetMinutes} min at level ${a.level}${a.level === 1 ? ' (primary)' : ' (secondary)'}: ${a.withinTarget} of ${a.pages} (${percent(a.share)})`);
  out.push(`- Sleep pages: ${c.interruptions.sleep}; recovery days granted ${c.recovery.granted}, taken ${c.recovery.taken}${c.recovery.declined ? `, declined ${c.recovery.declined}` : ''}`);
  if (c.drills.pageEvents) out.push(`- Drills (not counted above): ${plural(c.drills.pageEvents, 'page event')}, ${plural(c.drills.interruptions, 'interruption')}`);
  out.push('');
  out.push('## Noisiest sources', '');
  const noisy = c.noisiest.alertKeys.byPageEvents;
  if (!noisy.length) out.push('Nothing paged this week.', '');
  else {
    out.push('| Service | Alert key | Page events | Sleep interruptions |', '|---|---|---:|---:|');
    for (const n of noisy) out.push(`| ${cell(n.serviceName ?? '–')} | ${cell(n.alertKey ?? '–')} | ${n.pageEvents} | ${n.sleepInterruptions} |`);
    out.push('');
  }
  if (m.toil) {
    out.push('## Toil', '');
    out.push(`${m.toil.toilHours} h logged of ${m.toil.workingHours} working hours (${hoursBasis(m.toil.workingHoursFrom)}): **${percent(m.toil.share)}** (target ≤ ${percent(m.toil.target)})${m.toil.overTarget ? ' — over target' : ''}.`, '');
    for (const t of m.toil.topRecurring) out.push(`- ${cell(t.what)}: ${t.times}×, ${t.hours} h`);
    if (m.toil.topRecurring.length) out.push('');
  }
  out.push('## Top risks', '');
  if (!m.risks.length) out.push('No open risks on the backlog.', '');
  else {
    out.push('| Risk | Score | Impact × likelihood | Effort | Owner | Status |', '|---|---:|---|---|---|---|');
    for (const r of m.risks) out.push(`| ${cell(r.title)} | ${r.score} | ${r.impact} × ${r.likelihood} | ${r.effort} | ${cell(r.owner?.name ?? '–')} | ${r.status} |`);
    out.push('');
  }
  const w = m.work;
  out.push('## Wellbeing after incidents', '');
  if (!w.wellbeing.weeks.some((x) => x.answers > 0)) out.push('No check-in answers in the last four weeks.', '');
  else {
    out.push('Check-ins after incidents, counted together: anonymous answers are never shown per person.', '');
    out.push('| Week of | Answers | Average stress (1–5) | Sleep lost |', '|---|---:|---:|---:|');
    for (const x of w.wellbeing.weeks) out.push(`| ${x.weekStart} | ${x.answers} | ${x.averageStress === null ? '–' : x.averageStress.toFixed(1)} | ${x.answers ? duration(x.sleepLostMinutes * 60) : '–'} |`);
    out.push('');
  }
  out.push('## Post-mortems due', '');
  if (!w.postmortems.awaiting) out.push('No post-mortem is waiting for its review.', '');
  else {
    out.push(`${plural(w.postmortems.awaiting, 'post-mortem')} awaiting review, **${w.postmortems.overdue} past the meeting deadline**.`, '');
    out.push('| Incident | Post-mortem | State | Review meeting due |', '|---|---|---|---|');
    for (const p of w.postmortems.items) out.push(`| #${p.incidentNumber} | ${cell(p.title)} | ${PM_STATE[p.state] ?? p.state} | ${day(p.meetingDueAt, zone)}${p.overdue ? ' **(overdue)**' : ''} |`);
    out.push('');
  }
  out.push('## Action items', '');
  out.push(`${w.actionItems.open} open, **${w.actionItems.overdue} overdue** (post-mortem and team action items). This week ${w.actionItems.opened} opened, ${w.actionItems.closed} done.`, '');
  if (w.actionItems.items.length) {
    out.push('| Item | From | Owner | Due |', '|---|---|---|---|');
    for (const i of w.actionItems.items) out.push(`| ${cell(i.title)} | ${cell(i.from)} | ${cell(i.owner ?? '–')} | ${i.dueOn ? dueDay(i.dueOn) : '–'}${i.overdue ? ' **(overdue)**' : ''} |`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
