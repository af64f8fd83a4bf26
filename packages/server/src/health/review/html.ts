import { BAND_LABEL, change, day, dueDay, duration, hoursBasis, percent, PM_STATE, type ReviewModel, value, WEEKDAYS } from './model.js';

/**
 * The weekly review as one self-contained HTML document that mail clients show as
 * sent: inline styles only, tables for layout, bars and the heat map as coloured
 * table cells (no scripts, no images, nothing fetched). Every text from people or
 * senders is escaped.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const BAND_COLOUR = { healthy: '#2e7d32', edge: '#b26a00', unhealthy: '#c62828' } as const;
const TD = 'padding:4px 8px;border-bottom:1px solid #e0e0e0;';
const TH = 'padding:4px 8px;border-bottom:2px solid #9e9e9e;text-align:left;';
const NUM = 'text-align:right;';

function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th style="${TH}${numeric[i] ? NUM : ''}">${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td style="${TD}${numeric[i] ? NUM : ''}">${c}</td>`).join('')}</tr>`).join('');
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 16px 0;font-size:14px;">${head.length ? `<thead><tr>${th}</tr></thead>` : ''}<tbody>${body}</tbody></table>`;
}

/** A horizontal bar as a table cell of proportional width (email clients draw these reliably). */
function bar(count: number, max: number, colour: string): string {
  const width = max > 0 ? Math.max(count > 0 ? 4 : 0, Math.round((count / max) * 200)) : 0;
  const fill = width ? `<td width="${width}" style="background:${colour};height:12px;width:${width}px;font-size:0;line-height:0;">&nbsp;</td>` : '';
  return `<table role="presentation" cellspacing="0" cellpadding="0"><tr>${fill}<td style="padding-left:6px;font-size:13px;">${count}</td></tr></table>`;
}

function heat(n: number, max: number): string {
  if (n === 0) return '#f5f5f5';
  const t = max > 0 ? n / max : 0;
  // Light to dark orange: readable in light mail clients, never the only signal (the count is in the title).
  const light = Math.round(90 - t * 45);
  return `hsl(28, 90%, ${light}%)`;
}

function heatMap(grid: number[][]): string {
  const max = Math.max(0, ...grid.flat());
  const hours = Array.from({ length: 24 }, (_, h) => `<td style="font-size:9px;color:#757575;width:12px;text-align:center;">${h % 6 === 0 ? h : ''}</td>`).join('');
  const rows = grid
    .map(
      (row, d) =>
        `<tr><td style="font-size:11px;padding-right:4px;">${WEEKDAYS[d]}</td>${row
          .map((n, h) => `<td title="${WEEKDAYS[d]} ${String(h).padStart(2, '0')}:00 — ${n}" style="width:12px;height:12px;background:${heat(n, max)};border:1px solid #ffffff;font-size:0;">&nbsp;</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:4px 0 12px 0;"><tr><td></td>${hours}</tr>${rows}</table>`;
}

export function renderHtml(m: ReviewModel): string {
  const c = m.current;
  const zone = m.scope.timeZone;
  const lastDay = new Date(Date.parse(m.weekEnd) - 1).toISOString();
  const maxWeek = Math.max(1, ...c.pagerLoad.map((w) => w.pageEvents));
  const parts: string[] = [];
  parts.push(`<h1 style="font-size:22px;margin:0 0 4px 0;">${esc(m.title)}</h1>`);
  parts.push(`<p style="margin:0 0 16px 0;color:#616161;">Week of ${esc(day(m.weekStart, zone))} – ${esc(day(lastDay, zone))} (${esc(zone)})</p>`);
  parts.push(
    `<p style="font-size:18px;margin:0 0 8px 0;"><strong>${c.pageEvents} page events</strong> — <span style="color:${BAND_COLOUR[c.band]};font-weight:bold;">${BAND_LABEL[c.band]}</span> <span style="color:#616161;font-size:13px;">(healthy &lt; 2 a week, walking the edge 2–5, unhealthy &gt; 5)</span></p>`,
  );
  parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">Pager load, 12 weeks</h2>');
  parts.push(table(['Week of', 'Page events', 'Band'], c.pagerLoad.map((w) => [esc(day(w.weekStart, zone)), bar(w.pageEvents, maxWeek, BAND_COLOUR[w.band]), `<span style="color:${BAND_COLOUR[w.band]};">${BAND_LABEL[w.band]}</span>`])));
  parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">What changed since last week</h2>');
  parts.push(
    table(
      ['', 'This week', 'Last week', 'Change'],
      m.deltas.map((d) => [esc(d.label), esc(value(d.now, d.unit)), esc(value(d.before, d.unit)), `<span style="color:${d.direction === 'up' ? '#c62828' : d.direction === 'down' ? '#2e7d32' : '#616161'};">${esc(change(d))}</span>`]),
      [false, true, true, false],
    ),
  );
  parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">People</h2>');
  parts.push(`<p style="margin:0;">Fairness (Gini of weighted interruptions): <strong>${c.fairness.gini.toFixed(2)}</strong>${c.fairness.uneven ? ' — <span style="color:#c62828;">uneven load (over 0.2)</span>' : ''}</p>`);
  parts.push(
    table(
      ['Person', 'Business', 'Off-hours', 'Sleep', 'Weighted', 'Disrupted h', 'On call h', 'Recovery granted / taken'],
      c.people.map((p) => [esc(p.user.name), String(p.interruptions.business), String(p.interruptions.off_hours), `${p.interruptions.sleep ? '<strong style="color:#c62828;">' : ''}${p.interruptions.sleep}${p.interruptions.sleep ? '</strong>' : ''}`, String(p.weighted), String(p.disruptedHours), String(p.onCallHours.total), `${p.recovery.granted} / ${p.recovery.taken}`]),
      [false, true, true, true, true, true, true, false],
    ),
  );
  const heated = c.people.filter((p) => p.total > 0);
  if (heated.length) {
    parts.push('<h3 style="font-size:15px;margin:12px 0 4px 0;">Who was interrupted when (hour of the week, each on their own clock)</h3>');
    for (const p of heated) parts.push(`<p style="margin:8px 0 0 0;"><strong>${esc(p.user.name)}</strong> <span style="color:#616161;">${esc(p.user.timeZone)}</span></p>${heatMap(p.heatMap)}`);
  }
  parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">Response</h2>');
  const rows = [
    ['MTTA p50 / p90', `${esc(duration(c.mtta.p50Seconds))} / ${esc(duration(c.mtta.p90Seconds))} (${c.mtta.count} alerts)`],
    ['MTTR p50 / p90', `${esc(duration(c.mttr.p50Seconds))} / ${esc(duration(c.mttr.p90Seconds))} (${c.mttr.count} alerts)`],
    ...c.ackSla.map((a) => [`Ack within ${a.targetMinutes} min, level ${a.level}`, `${a.withinTarget} of ${a.pages} (${esc(percent(a.share))})`]),
    ['Sleep pages', String(c.interruptions.sleep)],
    ['Recovery days granted / taken', `${c.recovery.granted} / ${c.recovery.taken}`],
    ...(c.drills.pageEvents ? [['Drills (not counted)', `${c.drills.pageEvents} page events`]] : []),
  ];
  parts.push(table([], rows));
  parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">Noisiest sources</h2>');
  const noisy = c.noisiest.alertKeys.byPageEvents;
  parts.push(noisy.length ? table(['Service', 'Alert key', 'Page events', 'Sleep'], noisy.map((n) => [esc(n.serviceName ?? '–'), esc(n.alertKey ?? '–'), String(n.pageEvents), String(n.sleepInterruptions)]), [false, false, true, true]) : '<p>Nothing paged this week.</p>');
  if (m.toil) {
    parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">Toil</h2>');
    const share = Math.min(1, m.toil.share ?? 0);
    const width = Math.round(share * 300);
    const line = Math.round(m.toil.target * 300);
    parts.push(
      `<p style="margin:0 0 4px 0;">${m.toil.toilHours} h of ${m.toil.workingHours} working hours (${esc(hoursBasis(m.toil.workingHoursFrom))}): <strong style="color:${m.toil.overTarget ? '#c62828' : '#2e7d32'};">${esc(percent(m.toil.share))}</strong> (target ≤ ${esc(percent(m.toil.target))})</p>` +
        `<table role="presentation" cellspacing="0" cellpadding="0" style="width:300px;border:1px solid #bdbdbd;"><tr>${width ? `<td width="${width}" style="background:${m.toil.overTarget ? '#c62828' : '#2e7d32'};height:10px;font-size:0;">&nbsp;</td>` : ''}<td style="font-size:0;">&nbsp;</td></tr></table>` +
        `<p style="margin:2px 0 8px ${line}px;font-size:11px;color:#616161;">│ 25 %</p>`,
    );
    if (m.toil.topRecurring.length) parts.push(table(['Recurring toil', 'Times', 'Hours'], m.toil.topRecurring.map((t) => [esc(t.what), String(t.times), String(t.hours)]), [false, true, true]));
  }
  parts.push('<h2 style="font-size:17px;margin:16px 0 4px 0;">Top risks</h2>');
  parts.push(
    m.risks.length
      ? table(['Risk', 'Score', 'Impact × likelihood', 'Effort', 'Owner', 'Status'], m.risks.map((r) => [esc(r.title), String(r.score), `${r.impact} × ${r.likelihood}`, esc(r.effort), esc(r.owner?.name ?? '–'), esc(r.status)]), [false, true, false, false, false, false])
      : '<p>No open risks on the backlog.</p>',
  );
  parts.push(workSections(m));
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(m.title)}</title></head><body style="margin:0;padding:16px;background:#ffffff;color:#212121;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;line-height:1.4;"><div style="max-width:760px;">${parts.join('\n')}</div></body></html>\n`;
}

const H2 = 'font-size:17px;margin:16px 0 4px 0;';
const OVERDUE = ' <strong style="color:#c62828;">overdue</strong>';

/** Wellbeing after incidents, post-mortems due and action items. */
function workSections(m: ReviewModel): string {
  const w = m.work;
  const zone = m.scope.timeZone;
  const parts: string[] = [`<h2 style="${H2}">Wellbeing after incidents</h2>`];
  if (!w.wellbeing.weeks.some((x) => x.answers > 0)) parts.push('<p>No check-in answers in the last four weeks.</p>');
  else {
    parts.push('<p style="margin:0;color:#616161;">Check-ins after incidents, counted together: anonymous answers are never shown per person.</p>');
    parts.push(
      table(
        ['Week of', 'Answers', 'Average stress (1–5)', 'Sleep lost'],
        w.wellbeing.weeks.map((x) => [esc(x.weekStart), String(x.answers), x.averageStress === null ? '–' : x.averageStress.toFixed(1), x.answers ? esc(duration(x.sleepLostMinutes * 60)) : '–']),
        [false, true, true, true],
      ),
    );
  }
  parts.push(`<h2 style="${H2}">Post-mortems due</h2>`);
  if (!w.postmortems.awaiting) parts.push('<p>No post-mortem is waiting for its review.</p>');
  else {
    parts.push(`<p style="margin:0;">${w.postmortems.awaiting} awaiting review, <strong>${w.postmortems.overdue} past the meeting deadline</strong>.</p>`);
    parts.push(table(['Incident', 'Post-mortem', 'State', 'Review meeting due'], w.postmortems.items.map((p) => [`#${p.incidentNumber}`, esc(p.title), esc(PM_STATE[p.state] ?? p.state), `${esc(day(p.meetingDueAt, zone))}${p.overdue ? OVERDUE : ''}`])));
  }
  parts.push(`<h2 style="${H2}">Action items</h2>`);
  parts.push(`<p style="margin:0;">${w.actionItems.open} open, <strong>${w.actionItems.overdue} overdue</strong> (post-mortem and team action items). This week ${w.actionItems.opened} opened, ${w.actionItems.closed} done.</p>`);
  if (w.actionItems.items.length) {
    parts.push(table(['Item', 'From', 'Owner', 'Due'], w.actionItems.items.map((i) => [esc(i.title), esc(i.from), esc(i.owner ?? '–'), `${i.dueOn ? esc(dueDay(i.dueOn)) : '–'}${i.overdue ? OVERDUE : ''}`])));
  }
  return parts.join('\n');
}
