import type { ReviewDelta, WeeklyReview } from '@operable/shared';
import { Link } from 'react-router-dom';
import { duration } from '../../pages/TeamHealthPage';

const ARROW = { up: '▲', down: '▼', same: '=', none: '–' } as const;

function shown(v: number | null, unit: ReviewDelta['unit']): string {
  if (v === null) return '–';
  if (unit === 'seconds') return duration(v);
  if (unit === 'minutes') return duration(v * 60);
  if (unit === 'share') return `${Math.round(v * 1000) / 10} %`;
  if (unit === 'gini') return v.toFixed(2);
  if (unit === 'score') return v.toFixed(1);
  return String(v);
}

function changeText(d: ReviewDelta): string {
  if (d.change === null) return '–';
  if (d.direction === 'same') return '= no change';
  const m = Math.abs(d.change);
  const size = d.unit === 'share' ? `${Math.round(m * 1000) / 10} pts` : shown(m, d.unit);
  return `${ARROW[d.direction]} ${d.direction === 'up' ? '+' : '−'}${size}`;
}

/** What changed since last week: every number here is better when lower, so up is the warning colour. */
export function ReviewDeltas({ deltas }: { deltas: ReviewDelta[] }) {
  return (
    <section aria-labelledby="review-deltas-h">
      <h2 id="review-deltas-h">What changed since last week</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">This week</th>
              <th scope="col">Last week</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {deltas.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{shown(d.now, d.unit)}</td>
                <td>{shown(d.before, d.unit)}</td>
                <td className={d.direction === 'up' ? 'band-unhealthy' : d.direction === 'down' ? 'band-healthy' : undefined}>{changeText(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Wellbeing after incidents (group numbers only), post-mortems due, and action items open and overdue. */
export function ReviewWorkSections({ review }: { review: WeeklyReview }) {
  const w = review.work;
  const answered = w.wellbeing.weeks.some((x) => x.answers > 0);
  return (
    <>
      <section aria-labelledby="review-wellbeing-h">
        <h2 id="review-wellbeing-h">Wellbeing after incidents</h2>
        {!answered ? (
          <p className="muted">No check-in answers in the last four weeks.</p>
        ) : (
          <>
            <p className="muted">Check-ins after incidents, counted together: anonymous answers are never shown per person.</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col">Answers</th>
                    <th scope="col">Average stress (1–5)</th>
                    <th scope="col">Sleep lost</th>
                  </tr>
                </thead>
                <tbody>
                  {w.wellbeing.weeks.map((x) => (
                    <tr key={x.weekStart}>
                      <th scope="row">{x.weekStart}</th>
                      <td>{x.answers}</td>
                      <td>{x.averageStress === null ? '–' : x.averageStress.toFixed(1)}</td>
                      <td>{x.answers ? duration(x.sleepLostMinutes * 60) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="review-pm-h">
        <h2 id="review-pm-h">Post-mortems due</h2>
        {w.postmortems.awaiting === 0 ? (
          <p className="muted">No post-mortem is waiting for its review.</p>
        ) : (
          <>
            <p>
              {w.postmortems.awaiting} awaiting review, <strong>{w.postmortems.overdue} past the meeting deadline</strong>.
            </p>
            <ul className="plain-list">
              {w.postmortems.items.map((p) => (
                <li key={p.id}>
                  <Link to={`/postmortems/${p.id}`}>
                    #{p.incidentNumber} {p.title}
                  </Link>{' '}
                  — {p.state.replace('_', ' ')}, meeting due {p.meetingDueAt.slice(0, 10)}
                  {p.overdue && <strong className="band-unhealthy"> (overdue)</strong>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="review-actions-h">
        <h2 id="review-actions-h">Action items</h2>
        <p>
          {w.actionItems.open} open, <strong>{w.actionItems.overdue} overdue</strong>. This week {w.actionItems.opened} opened, {w.actionItems.closed} done.
        </p>
        {w.actionItems.items.length > 0 && (
          <ul className="plain-list">
            {w.actionItems.items.map((i, n) => (
              <li key={`${i.title}-${n}`}>
                <strong>{i.title}</strong> <span className="muted">({i.from})</span>
                {i.owner ? `, ${i.owner}` : ', no owner'}
                {i.dueOn ? `, due ${i.dueOn}` : ''}
                {i.overdue && <strong className="band-unhealthy"> (overdue)</strong>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
