import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { DangerButton } from '../components/DangerButton';
import { Markdown } from '../components/Markdown';
import { Chips, Loading, Page, QueryError } from '../components/Page';
import { IntegrationsSection } from '../components/IntegrationsSection';
import { ReachWarning } from '../components/PagingPreviewPanel';
import { MaintenanceBanner } from '../components/MaintenanceBanner';
import { TimelineSection } from '../components/TimelineSection';
import { formatDateTime, formatSeconds } from '../format';
import { keys, usePolicies, useService } from '../queries';
import { canEditTeamServices, useCurrentUser, useViewerZone } from '../session';

export function ServiceDetailPage() {
  const { id = '' } = useParams();
  const service = useService(id);
  const policies = usePolicies();
  const user = useCurrentUser();
  const zone = useViewerZone();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();

  if (service.isPending) return <Loading what="Loading service" />;
  if (service.isError)
    return (
      <Page title="Service" back={{ to: '/services', label: 'Services' }}>
        <QueryError error={service.error} retry={() => service.refetch()} />
      </Page>
    );

  const s = service.data;
  const canEdit = canEditTeamServices(user, s.teamId);
  const policy = policies.data?.find((p) => p.id === s.escalationPolicyId);

  return (
    <Page
      title={s.name}
      back={{ to: '/services', label: 'Services' }}
      actions={
        canEdit && (
          <>
            <Link to={`/maintenance/new?serviceId=${encodeURIComponent(s.id)}`} className="btn">
              Start maintenance
            </Link>
            <Link to={`/services/${s.id}/edit`} className="btn">
              Edit service
            </Link>
            <DangerButton
              label="Delete service"
              title={`Delete ${s.name}?`}
              confirmLabel="Delete service"
              action={() => api.del(`/api/services/${s.id}`)}
              onDone={() => {
                qc.removeQueries({ queryKey: keys.service(s.id) });
                qc.invalidateQueries({ queryKey: keys.services() });
                announce(`Service “${s.name}” deleted.`);
                navigate('/services');
              }}
            >
              <p>
                This removes <strong>{s.name}</strong> and its runbook for everyone. It can’t be undone.
              </p>
            </DangerButton>
          </>
        )
      }
    >
      <MaintenanceBanner serviceId={s.id} zone={zone} />
      <p>
        <Link to={`/slos?serviceId=${encodeURIComponent(s.id)}`}>SLOs and error budgets</Link>
      </p>
      {!s.escalationPolicyId && (
        <p className="alert alert-warning">
          <strong>Alerts for this service don’t page anyone:</strong> it has no escalation policy.
          {canEdit && (
            <>
              {' '}
              <Link to={`/services/${s.id}/edit`}>Choose one</Link>.
            </>
          )}
        </p>
      )}
      {s.escalationPolicyId && <ReachWarning kind="service" id={s.id} editTo={canEdit ? `/escalation-policies/${s.escalationPolicyId}` : undefined} />}
      {policy && policy.warnings.length > 0 && (
        <p className="alert alert-warning">
          <strong>Its escalation policy needs attention:</strong> {policy.warnings.join(' ')}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Escalation policy</dt>
          <dd>
            {s.escalationPolicyId ? (
              <Link to={`/escalation-policies/${s.escalationPolicyId}`}>{policy?.name ?? 'View policy'}</Link>
            ) : (
              'None'
            )}
          </dd>
        </div>
        <div>
          <dt>Acknowledgement timeout</dt>
          <dd>{s.ackTimeoutMinutes ? `Re-triggers ${s.ackTimeoutMinutes} min after an acknowledgement` : 'Never re-triggers'}</dd>
        </div>
        <div>
          <dt>Storm window</dt>
          <dd>{s.stormWindowSeconds > 0 ? `Alerts within ${formatSeconds(s.stormWindowSeconds)} page once, as a group` : 'Off'}</dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>
            <Link to={`/teams/${s.teamId}`}>{s.teamName}</Link>
          </dd>
        </div>
        <div>
          <dt>Runbook link</dt>
          <dd className="break">
            {s.runbookUrl ? (
              <a href={s.runbookUrl} target="_blank" rel="noopener noreferrer">
                {s.runbookUrl}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              'None'
            )}
          </dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{formatDateTime(s.updatedAt, user.timeZone)}</dd>
        </div>
      </dl>
      {s.tags.length > 0 && <Chips tags={s.tags} />}
      {s.description && (
        <section aria-labelledby="desc-h">
          <h2 id="desc-h">Description</h2>
          <p className="prewrap">{s.description}</p>
        </section>
      )}
      <section aria-labelledby="runbook-h">
        <h2 id="runbook-h">Runbook</h2>
        {s.runbookMarkdown.trim() ? (
          <Markdown source={s.runbookMarkdown} />
        ) : (
          <p className="muted">No runbook written yet.</p>
        )}
      </section>
      <TimelineSection serviceId={s.id} timeZone={user.timeZone} />
      <IntegrationsSection service={s} canEdit={canEdit} timeZone={user.timeZone} />
    </Page>
  );
}
