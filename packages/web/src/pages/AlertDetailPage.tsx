import type { AlertDetail } from '@operable/shared';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DeclareIncidentForm } from '../components/incident/DeclareIncidentForm';
import { logSentence, namesOf, nobodyReached } from '../alert-story';
import { AlertActions } from '../components/AlertActions';
import { AlertPeople } from '../components/AlertPeople';
import { StatusBadge, UrgencyBadge } from '../components/Badges';
import { LiveStatus, useNow } from '../components/LiveStatus';
import { Markdown } from '../components/Markdown';
import { Loading, Page, QueryError } from '../components/Page';
import { SenderDetails } from '../components/SenderDetails';
import { formatAgo, formatDateTime, formatTime } from '../format';
import { useAlert } from '../queries';
import { useCan, useCurrentUser } from '../session';

/**
 * One alert, for a tired person on a phone: what is broken and since when, who is
 * on it, the one next action; then the runbook and what happened, in sentences;
 * what the sender sent comes last, folded.
 */
export function AlertDetailPage() {
  const { id = '' } = useParams();
  const alert = useAlert(id);
  const user = useCurrentUser();
  const canAct = useCan('responder');
  const now = useNow(15_000);

  if (alert.isPending) return <Loading what="Loading alert" />;
  if (alert.isError && !alert.data)
    return (
      <Page title="Alert" back={{ to: '/alerts', label: 'Alerts' }}>
        <QueryError error={alert.error} retry={() => alert.refetch()} />
      </Page>
    );

  const a = alert.data;
  const tz = user.timeZone;
  const names = namesOf(a.people);
  const byName = (label: string | null) => (label ? (names.byEmail.get(label.toLowerCase())?.name ?? label) : null);

  return (
    <Page title={`#${a.number} ${a.summary}`} back={{ to: '/alerts', label: 'Alerts' }}>
      <p className="alert-meta">
        <StatusBadge status={a.status} />
        <UrgencyBadge urgency={a.urgency} />
        {a.severity && <span className="badge">Severity: {a.severity}</span>}
      </p>
      <p className="alert-where">
        <Link to={`/services/${a.serviceId}`}>{a.serviceName}</Link> · since{' '}
        <time dateTime={a.createdAt}>{formatTime(a.createdAt, tz)}</time> <span className="muted">({formatAgo(a.createdAt, now)})</span>
        {a.occurrences > 1 && <span className="muted"> · sent {a.occurrences} times, last {formatAgo(a.lastSeenAt, now)}</span>}
      </p>
      {a.status !== 'triggered' && (
        <p className="alert-where">
          {a.status === 'acknowledged'
            ? `Acknowledged by ${byName(a.acknowledgedBy) ?? 'someone'} at ${formatTime(a.acknowledgedAt ?? a.createdAt, tz)}.`
            : `Resolved by ${byName(a.resolvedBy) ?? 'someone'} at ${formatDateTime(a.resolvedAt, tz)}.`}
        </p>
      )}
      <NobodyWarning alert={a} canAct={canAct} />
      {canAct && <AlertActions alert={a} escalate />}
      {canAct && <DeclareFromAlert alert={a} />}
      <LiveStatus updatedAt={alert.dataUpdatedAt} error={alert.isRefetchError ? alert.error : null} paused={a.status === 'resolved'} />
      {a.suppressedBy && <p className="alert alert-info">This alert arrived during a maintenance window of its service, so nobody was paged.</p>}
      {a.groupLeaderId && (
        <p className="alert alert-info">
          This alert joined a storm group. People were paged once, for the <Link to={`/alerts/${a.groupLeaderId}`}>alert that leads the group</Link>; acknowledging or
          resolving that one does the same here.
        </p>
      )}
      {a.groupSize > 1 && (
        <p className="alert alert-info">
          This alert leads a storm group of {a.groupSize} alerts. Acknowledging or resolving it does the same for the {a.groupSize - 1} others.
        </p>
      )}
      <AlertPeople alert={a} timeZone={tz} now={now} />
      <Runbook alert={a} />
      <section aria-labelledby="log-h">
        <h2 id="log-h">What happened</h2>
        {a.log.length === 0 ? (
          <p className="muted">Nothing logged yet.</p>
        ) : (
          <ol className="timeline">
            {[...a.log]
              .sort((x, y) => x.at.localeCompare(y.at) || Number(x.id) - Number(y.id))
              .map((e) => (
                <li key={e.id} className={`timeline-item timeline-${e.event}`}>
                  <time dateTime={e.at} className="muted timeline-time">
                    {formatTime(e.at, tz)}
                  </time>{' '}
                  <span>{logSentence(e, names, tz)}</span>
                </li>
              ))}
          </ol>
        )}
      </section>
      <SenderDetails alert={a} />
    </Page>
  );
}

/** "Declare incident": when this is bigger than one alert. The form takes the alert's title and service. */
function DeclareFromAlert({ alert: a }: { alert: AlertDetail }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (a.status === 'resolved') return null;
  return open ? (
    <DeclareIncidentForm
      alert={a}
      onClose={() => {
        setOpen(false);
        button.current?.focus();
      }}
    />
  ) : (
    <p>
      <button ref={button} type="button" className="btn" onClick={() => setOpen(true)}>
        Declare incident
      </button>
    </p>
  );
}

/** Loud, and before the buttons: an alert that reached nobody needs a person to act now. */
function NobodyWarning({ alert: a, canAct }: { alert: AlertDetail; canAct: boolean }) {
  if (!nobodyReached(a)) return null;
  const noPolicy = a.log.some((e) => e.event === 'not_paged');
  const failed = a.responders.some((r) => r.failed);
  return (
    <div className="alert alert-error alert-loud" role="alert">
      <p>
        <strong>Nobody is being paged for this alert.</strong>{' '}
        {noPolicy ? (
          <>
            Its service has no escalation policy. <Link to={`/services/${a.serviceId}/edit`}>Give {a.serviceName} a policy</Link>.
          </>
        ) : failed ? (
          'Every person it paged could not be reached: their contact methods failed.'
        ) : (
          'Its escalation policy reached nobody: no one is on call, or nobody on it has a working contact method.'
        )}
      </p>
      {canAct && <p>If it matters, acknowledge it yourself and call someone.</p>}
    </div>
  );
}

function Runbook({ alert: a }: { alert: AlertDetail }) {
  return (
    <section aria-labelledby="runbook-h">
      <h2 id="runbook-h">Runbook</h2>
      {a.runbookUrl && (
        <p>
          <a href={a.runbookUrl} target="_blank" rel="noopener noreferrer" className="break">
            Open the runbook for {a.serviceName}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      )}
      {a.runbookMarkdown.trim() ? (
        <Markdown source={a.runbookMarkdown} />
      ) : (
        !a.runbookUrl && (
          <p className="muted">
            No runbook for this service yet. Add one on the <Link to={`/services/${a.serviceId}`}>service’s page</Link>.
          </p>
        )
      )}
    </section>
  );
}
