import type { IncidentDetail, UpdateIncident } from '@operable/shared';
import { memo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Subscribers, WarRoom } from '../components/incident/IncidentComms';
import { IncidentRoles } from '../components/incident/IncidentRoles';
import { IncidentTimeline } from '../components/incident/IncidentTimeline';
import { Checklist, CompensatingActions, newUpdateDraft, UpdateForm, WellbeingForm, type UpdateDraft } from '../components/incident/IncidentWork';
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

/**
 * Everything below the header. Memoized: the page re-renders on every refresh (its
 * "updated" line) and every 15 s (its clock), but the incident object is the same one
 * when nothing changed, so this part (and any form in it) is left alone.
 */
const Body = memo(function Body({ incident: i, incidentId, timeZone }: { incident: IncidentDetail; incidentId: string; timeZone: string }) {
  const next = incidentNextAction(i, i.updates.length);
  const [updating, setUpdating] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [draft, setDraft] = useState<UpdateDraft>(() => newUpdateDraft(i));
  // Opened at the top when the page is opened with the update overdue; an update going
  // overdue while someone reads says so loudly above but does not move their form.
  const [overdueOnOpen] = useState(() => i.canEdit && i.status !== 'resolved' && i.updates.length > 0 && next === 'post-update' && i.updateOverdue);
  const rolesRef = useRef<HTMLDivElement>(null);
  const resolve = useIncidentChange<UpdateIncident>(incidentId, (b) => api.patch(incidentPath(incidentId), b), 'Incident resolved. Responders get a check-in.');
  const primary = () => {
    if (next === 'post-update') setUpdating(true);
    else if (next === 'assign-communicator') rolesRef.current?.querySelector<HTMLButtonElement>('button')?.click();
    else if (next === 'resolve') setResolving(true);
  };
  const open = i.canEdit && i.status !== 'resolved';
  const updateOnTop = open && (updating || overdueOnOpen);
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
      {updateOnTop && <UpdateForm incidentId={incidentId} draft={draft} onDraft={setDraft} autoFocus />}
      <div ref={rolesRef}>
        <IncidentRoles incident={i} timeZone={timeZone} incidentId={incidentId} />
      </div>
      <WarRoom incident={i} incidentId={incidentId} />
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
      {open && !updateOnTop && <UpdateForm incidentId={incidentId} draft={draft} onDraft={setDraft} />}
      <IncidentTimeline incident={i} incidentId={incidentId} timeZone={timeZone} />
      <Subscribers incidentId={incidentId} />
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
});
