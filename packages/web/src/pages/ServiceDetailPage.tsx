import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { DangerButton } from '../components/DangerButton';
import { Markdown } from '../components/Markdown';
import { Chips, Loading, Page, QueryError } from '../components/Page';
import { formatDateTime } from '../format';
import { keys, useService } from '../queries';
import { canEditTeamServices, useCurrentUser } from '../session';

export function ServiceDetailPage() {
  const { id = '' } = useParams();
  const service = useService(id);
  const user = useCurrentUser();
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

  return (
    <Page
      title={s.name}
      back={{ to: '/services', label: 'Services' }}
      actions={
        canEdit && (
          <>
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
      <dl className="facts">
        <div>
          <dt>Team</dt>
          <dd>
            <Link to={`/teams/${s.teamId}`}>{s.teamName}</Link>
          </dd>
        </div>
        <div>
          <dt>Runbook link</dt>
          <dd>
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
    </Page>
  );
}
