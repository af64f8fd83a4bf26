import type { PersonToil } from '@operable/shared';
import { Link, useParams } from 'react-router-dom';
import { HeatMap } from '../components/health/HeatMap';
import { PagerLoadChart } from '../components/health/PagerLoadChart';
import { Loading, Page, QueryError } from '../components/Page';
import { usePersonHealth, usePersonToil } from '../health-queries';
import { useCurrentUser } from '../session';
import { Figure, pct } from './TeamHealthPage';

/**
 * One person's health: what interrupted them this week on their own clock, how much
 * of it was in their sleep, the recovery they were granted and took, their on-call
 * hours and their toil against their own working hours.
 */
export function PersonHealthPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const health = usePersonHealth(id);
  const own = me.id === id;
  const back = own ? { to: '/profile', label: 'Your profile' } : { to: '/teams', label: 'Teams' };
  if (health.isPending) return <Loading what="Loading health" />;
  if (health.isError)
    return (
      <Page title="Health" back={back}>
        <QueryError error={health.error} retry={() => health.refetch()} />
      </Page>
    );
  const h = health.data;
  const p = h.people[0];
  const sleep = h.interruptions.sleep;
  return (
    <Page title={own ? 'Your health' : `${h.scope.name}: health`} back={back}>
      <section aria-labelledby="person-now-h">
        <h2 id="person-now-h" className="health-headline">
          This week: {h.interruptionsTotal} {h.interruptionsTotal === 1 ? 'interruption' : 'interruptions'}
          {sleep > 0 ? `, ${sleep} in ${own ? 'your' : 'their'} sleep` : ''}
        </h2>
        <p className="muted">
          On {own ? 'your' : 'their'} own clock ({h.scope.timeZone}): business Mon–Fri 08–18, off-hours evenings and weekend days, sleep 22–08. Drills are not counted.
        </p>
        {sleep > 0 && (
          <p className="alert alert-warning">
            {sleep} {sleep === 1 ? 'page' : 'pages'} in sleep hours. Recovery days: {h.recovery.granted} granted, {h.recovery.taken} taken
            {h.recovery.upcoming ? `, ${h.recovery.upcoming} still ahead` : ''}.
          </p>
        )}
        <div className="health-figures">
          <Figure label="Sleep" value={h.interruptions.sleep} />
          <Figure label="Off-hours" value={h.interruptions.off_hours} />
          <Figure label="Business hours" value={h.interruptions.business} />
          <Figure label="Disrupted hours" value={h.disruptedHours} />
          <Figure label="On call h (primary / secondary)" value={p ? `${p.onCallHours.primary} / ${p.onCallHours.secondary}` : '0 / 0'} />
          <Figure label="Recovery days granted / taken" value={`${h.recovery.granted} / ${h.recovery.taken}`} />
        </div>
      </section>
      {p && p.total > 0 && (
        <section aria-labelledby="person-when-h">
          <h2 id="person-when-h">When {own ? 'you were' : 'they were'} interrupted</h2>
          <HeatMap grid={p.heatMap} label={`${h.scope.name}: interruptions by hour of the week`} />
        </section>
      )}
      <section aria-labelledby="person-load-h">
        <h2 id="person-load-h">Page events, 12 weeks</h2>
        <PagerLoadChart weeks={h.pagerLoad} zone={h.scope.timeZone} />
      </section>
      <PersonToilSection userId={id} own={own} />
      {own && (
        <p>
          <Link to="/recovery">Your recovery days</Link>
        </p>
      )}
    </Page>
  );
}

function PersonToilSection({ userId, own }: { userId: string; own: boolean }) {
  const toil = usePersonToil(userId);
  return (
    <section aria-labelledby="person-toil-h">
      <h2 id="person-toil-h">Toil, last 4 weeks</h2>
      {toil.isError && <QueryError error={toil.error} retry={() => toil.refetch()} />}
      {toil.data && <ToilFigures t={toil.data} own={own} />}
    </section>
  );
}

function ToilFigures({ t, own }: { t: PersonToil; own: boolean }) {
  return (
    <>
      <p>
        {t.toilHours} h of {t.workingHours} working hours: <strong className={t.overTarget ? 'band-unhealthy' : 'band-healthy'}>{pct(t.share)}</strong> (target ≤ 25 %)
      </p>
      <div className="toil-bar" role="img" aria-label={`Toil share ${pct(t.share)} against the 25 % line`}>
        <div className={`toil-fill${t.overTarget ? ' over' : ''}`} style={{ width: `${Math.min(100, (t.share ?? 0) * 100)}%` }} />
        <div className="toil-line" />
      </div>
      <p className="muted">{workingHoursNote(t, own)}</p>
      {t.topRecurring.length > 0 && (
        <ul className="plain-list">
          {t.topRecurring.map((r) => (
            <li key={r.what}>
              {r.what}: {r.times}×, {r.hours} h
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const workingHoursNote = (t: PersonToil, own: boolean) =>
  t.workingHoursSource === 'working_hours'
    ? `Working hours from ${own ? 'your' : 'their'} working-hours setting.`
    : `No working hours set: counted at 40 h a week.${own ? ' Set yours on your profile.' : ''}`;

