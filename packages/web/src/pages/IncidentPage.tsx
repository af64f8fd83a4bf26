import type { IncidentDetail, UpdateIncident } from '@operable/shared';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { IncidentRoles } from '../components/incident/IncidentRoles';
import { Checklist, CompensatingActions, UpdateForm, WellbeingForm } from '../components/incident/IncidentWork';
import { LiveStatus, useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { formatAgo, formatTime } from '../format';
import { INCIDENT_STATUS_LABELS, incidentNextAction, NEXT_ACTION_LABELS, nextUpdateText } from '../incident-format';
import { api, incidentPath, useIncident, useIncidentChange } from '../incident-queries';
import { useCurrentUser } from '../session';

/**
 * One incident, for whoever runs it on a phone: what is broken, who holds each
 * role, when the next update is due, and the one next action; then the checklist,
 * compensating actions and the timeline in sentences.
 */
export function IncidentPage() {
  const { id = '' } = useParams();
  const incident = useIncident(id);
  const user = useCurrentUser();
  const now = useNow(15_000);
  if (incident.isPending) return <Loading what="Loading incident" />;
  if (incident.isError && !incident.data)
    return (
      <Page title="Incident" back={{ to: '/incidents', label: 'Incidents' }}>
        <QueryError error={incident.error} retry={() => incident.refetch()} />
      </Page>
    );
  const i = incident.data;
  return (
    <Page title={`#${i.number} ${i.title}`} back={{ to: '/incidents', label: 'Incidents' }}>
      <p className="alert-meta">
        <span className={`badge badge-sev badge-sev-${i.severity}`}>{i.severityName}</span>
        <span className="badge">{INCIDENT_STATUS_LABELS[i.status]}</span>
        {i.drill && <span className="badge badge-drill">DRILL</span>}
      </p>
      <p className="alert-where">
        {i.services.length ? i.services.map((s, n) => (
          <span key={s.id}>
            {n > 0 && ', '}
            <Link to={`/services/${s.id}`}>{s.name}</Link>
          </span>
        )) : 'No service yet'}{' '}
        · declared <time dateTime={i.declaredAt}>{formatTime(i.declaredAt, user.timeZone)}</time> <span className="muted">({formatAgo(i.declaredAt, now)})</span>
      </p>
      {i.status !== 'resolved' && (
        <p className={i.updateOverdue ? 'alert alert-error alert-loud' : 'alert-where'} role={i.updateOverdue ? 'alert' : undefined}>
          <strong>{nextUpdateText(i.nextUpdateAt, now)}</strong>
          {i.updateOverdue && '. Stakeholders are waiting: post an update.'}
        </p>
      )}
      <Body incident={i} incidentId={id} timeZone={user.timeZone} />
      <LiveStatus updatedAt={incident.dataUpdatedAt} error={incident.isRefetchError ? incident.error : null} paused={i.status === 'resolved'} />
    </Page>
  );
}

function Body({ incident: i, incidentId, timeZone }: { incident: IncidentDetail; incidentId: string; timeZone: string }) {
  const next = incidentNextAction(i, i.updates.length);
  const [updating, setUpdating] = useState(false);
  const [resolving, setResolving] = useState(false);
  const rolesRef = useRef<HTMLDivElement>(null);
  const resolve = useIncidentChange<UpdateIncident>(incidentId, (b) => api.patch(incidentPath(incidentId), b), 'Incident resolved. Responders get a check-in.');
  const primary = () => {
    if (next === 'post-update') setUpdating(true);
    else if (next === 'assign-communicator') rolesRef.current?.querySelector<HTMLButtonElement>('button')?.click();
    else if (next === 'resolve') setResolving(true);
  };
  return (
    <>
      {i.canEdit && next !== 'none' && (
        <div className="alert-actions">
          <button type="button" className="btn btn-primary btn-big" onClick={primary}>
            {NEXT_ACTION_LABELS[next]}
          </button>
          {next !== 'resolve' && (
            <button type="button" className="btn" onClick={() => setResolving(true)}>
              Resolve
            </button>
          )}
        </div>
      )}
      {i.status === 'resolved' && <WellbeingForm incidentId={i.id} />}
      {(updating || (i.canEdit && i.status !== 'resolved' && i.updates.length > 0 && next === 'post-update' && i.updateOverdue)) && <UpdateForm incident={i} incidentId={incidentId} autoFocus />}
      <div ref={rolesRef}>
        <IncidentRoles incident={i} timeZone={timeZone} incidentId={incidentId} />
      </div>
      {i.updates[0] && (
        <section aria-labelledby="last-update-h">
          <h2 id="last-update-h">Latest update</h2>
          <p className="muted">
            {i.updates[0].author.name}, {formatTime(i.updates[0].at, timeZone)}
          </p>
          {/* Sanitized on the server (the incidents domain renders markdown through an allow-list). */}
          <div className="markdown" dangerouslySetInnerHTML={{ __html: i.updates[0].html }} />
        </section>
      )}
      <Checklist incident={i} incidentId={incidentId} timeZone={timeZone} />
      <CompensatingActions incident={i} incidentId={incidentId} timeZone={timeZone} />
      {i.canEdit && i.status !== 'resolved' && !updating && !i.updateOverdue && <UpdateForm incident={i} incidentId={incidentId} />}
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">What happened</h2>
        <ol className="timeline">
          {i.timeline.map((e) => (
            <li key={e.id} className={`timeline-item incident-${e.kind}`}>
              <time dateTime={e.at} className="muted timeline-time">
                {formatTime(e.at, timeZone)}
              </time>{' '}
              {e.keyMoment && <span className="badge">{e.keyMoment}</span>} {e.html ? (
                <>
                  <span>{e.actor.name} {e.kind === 'update_posted' ? 'posted an update:' : 'noted:'}</span>
                  <div className="markdown timeline-note" dangerouslySetInnerHTML={{ __html: e.html }} />
                </>
              ) : (
                <span>{e.text}</span>
              )}
            </li>
          ))}
        </ol>
      </section>
      <ConfirmDialog
        open={resolving}
        title={`Resolve incident #${i.number}?`}
        confirmLabel="Resolve incident"
        busy={resolve.isPending}
        error={resolve.isError ? errorMessage(resolve.error) : null}
        onCancel={() => setResolving(false)}
        onConfirm={() => resolve.mutate({ status: 'resolved' }, { onSuccess: () => setResolving(false) })}
      >
        <p>Everyone who held a role gets a wellbeing check-in. You can reopen it later by changing its status.</p>
      </ConfirmDialog>
    </>
  );
}
