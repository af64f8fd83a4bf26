import type { TeamFairness } from '@operable/shared';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDay, formatHours, formatShare, loadBars, localDay } from '../oncall-format';
import { useFairness } from '../oncall-queries';
import { useViewerZone } from '../session';
import { SelectField } from './Field';
import { Loading, QueryError } from './Page';

const WEEK_CHOICES = [4, 8, 12] as const;

/** Hours on call per person on the team's schedules, past and ahead, with a bar per person so uneven load shows. */
export function FairnessSection({ teamId }: { teamId: string }) {
  const [weeks, setWeeks] = useState<number>(4);
  const fairness = useFairness(teamId, weeks);
  return (
    <section className="panel" aria-labelledby="fairness-h">
      <h2 id="fairness-h">On-call load</h2>
      <p className="field-hint">
        Hours on call on this team’s schedules, as the schedules and overrides stand today. Weekend and holiday hours are read in each
        person’s own time zone; a team holiday on a weekend counts as holiday.
      </p>
      <div className="fairness-controls">
        <SelectField label="Weeks back and ahead" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
          {WEEK_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n} weeks back, {n} ahead
            </option>
          ))}
        </SelectField>
      </div>
      {fairness.isPending ? (
        <Loading what="Counting hours" />
      ) : fairness.isError ? (
        <QueryError error={fairness.error} retry={() => fairness.refetch()} />
      ) : (
        <FairnessTable data={fairness.data} weeks={weeks} stale={fairness.isPlaceholderData} />
      )}
    </section>
  );
}

function FairnessTable({ data, weeks, stale }: { data: TeamFairness; weeks: number; stale: boolean }) {
  const zone = useViewerZone();
  const range = `${formatDay(localDay(Date.parse(data.from), zone))} to ${formatDay(localDay(Date.parse(data.to), zone))}`;
  const bars = loadBars(data.people);
  return (
    <div aria-busy={stale}>
      <p aria-live="polite">
        <strong>{range}</strong>
        {stale ? ' (updating…)' : ''}
      </p>
      {data.schedules.length === 0 ? (
        <p className="muted">This team has no schedules, so nobody has on-call hours.</p>
      ) : (
        <p className="muted">
          Counted on:{' '}
          {data.schedules.map((s, i) => (
            <span key={s.id}>
              {i > 0 && ', '}
              <Link to={`/schedules/${s.id}`}>{s.name}</Link>
            </span>
          ))}
          .{data.holidays.length > 0 && ` ${data.holidays.length === 1 ? 'One team holiday' : `${data.holidays.length} team holidays`} in the list.`}
        </p>
      )}
      {data.people.length === 0 ? (
        <p className="muted">Nobody is in this team, and nobody holds shifts on its schedules.</p>
      ) : (
        <>
          <p className="bar-legend" aria-hidden="true">
            <span className="bar-key bar-past" /> past <span className="bar-key bar-ahead" /> upcoming
          </p>
          <p className="scroll-hint muted" aria-hidden="true">
            Scroll the table sideways for more columns.
          </p>
          <div className="table-wrap" role="region" aria-label="On-call hours per person" tabIndex={0}>
            <table className="load-table">
              <caption className="visually-hidden">
                Hours on call per person, {range}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Total</th>
                  <th scope="col">Past {weeks} weeks</th>
                  <th scope="col">Next {weeks} weeks</th>
                  <th scope="col">Primary</th>
                  <th scope="col">Secondary</th>
                  <th scope="col">Weekend</th>
                  <th scope="col">Holiday</th>
                </tr>
              </thead>
              <tbody>
                {data.people.map((p, i) => (
                  <tr key={p.user.id}>
                    <th scope="row">
                      <Link to={`/users/${p.user.id}`}>{p.user.name}</Link>
                      {!p.member && <span className="muted"> (not in the team)</span>}
                      <span className="load-bar" aria-hidden="true">
                        <span className="bar-past" style={{ width: `${bars[i]!.past}%` }} />
                        <span className="bar-ahead" style={{ width: `${bars[i]!.ahead}%` }} />
                      </span>
                    </th>
                    <td>
                      {formatHours(p.total.total)} <span className="muted nowrap">({formatShare(p.share)})</span>
                    </td>
                    <td>{formatHours(p.past.total)}</td>
                    <td>{formatHours(p.ahead.total)}</td>
                    <td>{formatHours(p.total.primary)}</td>
                    <td>{formatHours(p.total.secondary)}</td>
                    <td>{formatHours(p.total.weekend)}</td>
                    <td>{formatHours(p.total.holiday)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field-hint">
            Total counts time once however many roles or schedules someone held at once; the percentage is their part of everyone’s hours.
          </p>
        </>
      )}
    </div>
  );
}
