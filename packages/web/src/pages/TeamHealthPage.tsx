import type { HealthReport } from '@operable/shared';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { HeatMap } from '../components/health/HeatMap';
import { ReviewSettings } from '../components/health/ReviewSettings';
import { bandLabel, PagerLoadChart } from '../components/health/PagerLoadChart';
import { Loading, Page, QueryError } from '../components/Page';
import { useAddRisk, useLogToil, useNoisyToAction, useTeamActions, useTeamHealth, useTeamRisks, useTeamToil } from '../health-queries';
import { useCan } from '../session';

export const duration = (s: number | null) => (s === null ? '–' : s < 60 ? `${Math.round(s)} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 360) / 10} h`);
/** Where the toil share's working hours came from: each member's own setting, or 40 h a week. */
export function hoursBasis(from: { settings: number; fallback: number }): string {
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
  if (!from.fallback) return 'Working hours from each member’s working-hours setting.';
  if (!from.settings) return 'No member has working hours set: counted at 40 h a week each.';
  return `${people(from.settings)} counted by their working-hours setting, ${people(from.fallback)} at 40 h a week (none set).`;
}

export const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 1000) / 10} %`);

/** What hurts first: this week's load and who was woken, then the trend, then the lists. */
export function TeamHealthPage() {
  const { id = '' } = useParams();
  const health = useTeamHealth(id);
  const canEdit = useCan('responder');
  if (health.isPending) return <Loading what="Loading team health" />;
  if (health.isError)
    return (
      <Page title="Team health" back={{ to: `/teams/${id}`, label: 'Team' }}>
        <QueryError error={health.error} retry={() => health.refetch()} />
      </Page>
    );
  const h = health.data;
  return (
    <Page
      title={`${h.scope.name}: health`}
      back={{ to: `/teams/${id}`, label: h.scope.name }}
      actions={
        <>
          <Link to={`/teams/${id}/review`}>Weekly review</Link> · <Link to="/health/review">Organisation review</Link>
        </>
      }
    >
      <HealthSummary h={h} />
      <section aria-labelledby="load-h">
        <h2 id="load-h">Pager load, 12 weeks</h2>
        <PagerLoadChart weeks={h.pagerLoad} zone={h.scope.timeZone} />
      </section>
      <PeopleSection h={h} />
      <NoisySection h={h} teamId={id} />
      <ToilSection teamId={id} />
      <RisksSection teamId={id} />
      {canEdit && <ReviewSettings teamId={id} />}
    </Page>
  );
}

export function HealthSummary({ h, when = 'This week' }: { h: HealthReport; when?: string }) {
  const woken = h.people.filter((p) => p.interruptions.sleep > 0);
  return (
    <section aria-labelledby="now-h">
      <h2 id="now-h" className="health-headline">
        {when}: {h.pageEvents} page {h.pageEvents === 1 ? 'event' : 'events'} — <span className={`band band-${h.band}`}>{bandLabel(h.band)}</span>
      </h2>
      {woken.length > 0 && (
        <p className="alert alert-warning">
          Woken at night: {woken.map((p) => `${p.user.name} (${p.interruptions.sleep})`).join(', ')}. Check they took their recovery time.
        </p>
      )}
      {h.fairness.uneven && <p className="alert alert-warning">The load is uneven (Gini {h.fairness.gini.toFixed(2)}, over 0.2): rebalance the rotation.</p>}
      <div className="health-figures">
        <Figure label="Sleep interruptions" value={h.interruptions.sleep} />
        <Figure label="Interruptions" value={h.interruptionsTotal} />
        <Figure label="Disrupted hours" value={h.disruptedHours} />
        <Figure label="MTTA p50 / p90" value={`${duration(h.mtta.p50Seconds)} / ${duration(h.mtta.p90Seconds)}`} />
        <Figure label="MTTR p50 / p90" value={`${duration(h.mttr.p50Seconds)} / ${duration(h.mttr.p90Seconds)}`} />
        <Figure label="Recovery days granted / taken" value={`${h.recovery.granted} / ${h.recovery.taken}`} />
      </div>
      {h.ackSla.length > 0 && (
        <p className="muted">
          Ack within target: {h.ackSla.map((a) => `level ${a.level} (${a.targetMinutes} min) ${a.withinTarget}/${a.pages}`).join('; ')}.
          {h.drills.pageEvents > 0 && ` Drills, not counted: ${h.drills.pageEvents}.`}
        </p>
      )}
    </section>
  );
}

export function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="health-figure">
      <strong>{value}</strong>
      <span className="muted">{label}</span>
    </div>
  );
}

export function PeopleSection({ h }: { h: HealthReport }) {
  return (
    <section aria-labelledby="people-h">
      <h2 id="people-h">People</h2>
      <p className="muted">Each person on their own clock: business Mon–Fri 08–18, off-hours evenings and weekend days, sleep 22–08.</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Sleep</th>
              <th scope="col">Off-hours</th>
              <th scope="col">Business</th>
              <th scope="col">Disrupted h</th>
              <th scope="col">On call h</th>
              <th scope="col">Recovery</th>
            </tr>
          </thead>
          <tbody>
            {h.people.map((p) => (
              <tr key={p.user.id}>
                <th scope="row">
                  <Link to={`/people/${p.user.id}/health`}>{p.user.name}</Link>
                </th>
                <td>{p.interruptions.sleep}</td>
                <td>{p.interruptions.off_hours}</td>
                <td>{p.interruptions.business}</td>
                <td>{p.disruptedHours}</td>
                <td>{p.onCallHours.total}</td>
                <td>
                  {p.recovery.granted} granted, {p.recovery.taken} taken
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {h.people
        .filter((p) => p.total > 0)
        .map((p) => (
          <div key={p.user.id}>
            <h3>
              {p.user.name} <span className="muted">({p.user.timeZone})</span>
            </h3>
            <HeatMap grid={p.heatMap} label={`${p.user.name}: interruptions by hour of the week`} />
          </div>
        ))}
    </section>
  );
}

function NoisySection({ h, teamId }: { h: HealthReport; teamId: string }) {
  const canEdit = useCan('responder');
  const toAction = useNoisyToAction(teamId);
  const actions = useTeamActions(teamId);
  const noisy = h.noisiest.alertKeys.byPageEvents;
  return (
    <section aria-labelledby="noisy-h">
      <h2 id="noisy-h">Noisiest sources</h2>
      {noisy.length === 0 ? (
        <p className="muted">Nothing paged this week.</p>
      ) : (
        <ul className="plain-list">
          {noisy.map((n) => (
            <li key={`${n.serviceId}/${n.alertKey}`}>
              <strong>{n.serviceName}</strong> {n.alertKey} — {n.pageEvents} page events, {n.sleepInterruptions} at night{' '}
              {canEdit && n.serviceId && (
                <button type="button" onClick={() => toAction.mutate({ serviceId: n.serviceId!, ...(n.alertKey ? { alertKey: n.alertKey } : {}) })}>
                  Make it a top-priority action
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {toAction.isError && <p className="alert alert-error">Couldn’t add it: {errorMessage(toAction.error)}</p>}
      <h3>Action items</h3>
      {actions.data && actions.data.filter((a) => a.status === 'open').length === 0 && <p className="muted">No open action items.</p>}
      <ul className="plain-list">
        {actions.data
          ?.filter((a) => a.status === 'open')
          .map((a) => (
            <li key={a.id}>
              {a.priority === 'top' && <strong>Top priority: </strong>}
              {a.title}
            </li>
          ))}
      </ul>
    </section>
  );
}

function ToilSection({ teamId }: { teamId: string }) {
  const toil = useTeamToil(teamId);
  const log = useLogToil(teamId);
  const canEdit = useCan('responder');
  const [what, setWhat] = useState('');
  const [minutes, setMinutes] = useState('30');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    log.mutate({ what, minutes: Number(minutes), teamId }, { onSuccess: () => setWhat('') });
  };
  const t = toil.data;
  return (
    <section aria-labelledby="toil-h">
      <h2 id="toil-h">Toil, last 4 weeks</h2>
      {t && (
        <>
          <p>
            {t.toilHours} h of {t.workingHours} working hours: <strong className={t.overTarget ? 'band-unhealthy' : 'band-healthy'}>{pct(t.share)}</strong> (target ≤ 25 %)
          </p>
          <p className="muted">{hoursBasis(t.workingHoursFrom)}</p>
          <div className="toil-bar" role="img" aria-label={`Toil share ${pct(t.share)} against the 25 % line`}>
            <div className={`toil-fill${t.overTarget ? ' over' : ''}`} style={{ width: `${Math.min(100, (t.share ?? 0) * 100)}%` }} />
            <div className="toil-line" />
          </div>
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
      )}
      {canEdit && (
        <form className="inline-form no-print" onSubmit={submit}>
          <label>
            What did you do by hand? <input value={what} onChange={(e) => setWhat(e.target.value)} required maxLength={500} />
          </label>
          <label>
            Minutes <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} required />
          </label>
          <button type="submit" disabled={log.isPending}>
            Log toil
          </button>
          {log.isError && <p className="alert alert-error">{errorMessage(log.error)}</p>}
        </form>
      )}
    </section>
  );
}

function RisksSection({ teamId }: { teamId: string }) {
  const risks = useTeamRisks(teamId);
  const add = useAddRisk(teamId);
  const canEdit = useCan('responder');
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState('3');
  const [likelihood, setLikelihood] = useState('3');
  const [effort, setEffort] = useState('M');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ title, impact: Number(impact), likelihood: Number(likelihood), effort }, { onSuccess: () => setTitle('') });
  };
  return (
    <section aria-labelledby="risks-h">
      <h2 id="risks-h">Top risks</h2>
      {risks.data && risks.data.top.length === 0 && <p className="muted">No open risks.</p>}
      {risks.data && risks.data.top.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col">Score</th>
                <th scope="col">Effort</th>
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {risks.data.top.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.title}</th>
                  <td>
                    {r.score} ({r.impact}×{r.likelihood})
                  </td>
                  <td>{r.effort}</td>
                  <td>{r.owner?.name ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <form className="inline-form no-print" onSubmit={submit}>
          <label>
            Risk <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          </label>
          <label>
            Impact <input type="number" min={1} max={5} value={impact} onChange={(e) => setImpact(e.target.value)} />
          </label>
          <label>
            Likelihood <input type="number" min={1} max={5} value={likelihood} onChange={(e) => setLikelihood(e.target.value)} />
          </label>
          <label>
            Effort
            <select value={effort} onChange={(e) => setEffort(e.target.value)}>
              {['S', 'M', 'L', 'XL'].map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={add.isPending}>
            Add risk
          </button>
          {add.isError && <p className="alert alert-error">{errorMessage(add.error)}</p>}
        </form>
      )}
    </section>
  );
}
