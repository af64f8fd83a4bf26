import type { Integration } from '@operable/shared';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { formatDateTime } from '../format';
import { integrationExamples, KIND_LABELS } from '../integration-examples';
import { keys } from '../queries';
import { CopyBlock } from './CopyBlock';
import { CopyBox } from './CopyBox';
import { DangerButton } from './DangerButton';

interface Props {
  integration: Integration;
  canEdit: boolean;
  timeZone: string;
  highlight?: boolean;
}

/** One integration: what it is, its URL and key to copy, and examples for its sender. */
export function IntegrationCard({ integration: i, canEdit, timeZone, highlight }: Props) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const examples = i.key && i.url ? integrationExamples({ kind: i.kind, key: i.key, url: i.url, heartbeatIntervalMinutes: i.heartbeatIntervalMinutes }) : [];
  const headingId = `integration-${i.id}`;

  return (
    <li className={`card integration${highlight ? ' panel-highlight' : ''}`}>
      <div className="integration-head">
        <h3 className="card-title" id={headingId} tabIndex={-1}>
          {i.name}
        </h3>
        {canEdit && (
          <DangerButton
            small
            label="Delete"
            ariaLabel={`Delete integration ${i.name}`}
            title={`Delete the integration “${i.name}”?`}
            confirmLabel="Delete integration"
            action={() => api.del(`/api/integrations/${i.id}`)}
            onDone={() => {
              qc.invalidateQueries({ queryKey: keys.integrations(i.serviceId) });
              announce(`Integration “${i.name}” deleted.`);
            }}
          >
            <p>
              Its key stops working at once: anything still sending to <strong>{i.name}</strong> gets an error and its
              alerts are lost. This can’t be undone.
            </p>
          </DangerButton>
        )}
      </div>
      <p className="muted">
        {KIND_LABELS[i.kind]} · up to {i.rateLimitPerMinute} events a minute · added {formatDateTime(i.createdAt, timeZone)}
      </p>
      {i.kind === 'heartbeat' && (
        <p>
          Expects a beat every {i.heartbeatIntervalMinutes ?? '?'} minutes. Last beat:{' '}
          {i.heartbeatLastAt ? formatDateTime(i.heartbeatLastAt, timeZone) : 'none yet'}.
        </p>
      )}
      {i.url && i.key ? (
        <>
          <CopyBox label={`URL for ${i.name}`} value={i.url} />
          <CopyBox label={`Integration key for ${i.name}`} value={i.key} />
          <details className="examples">
            <summary>Examples for {i.name}</summary>
            {examples.map((ex) => (
              <CopyBlock key={ex.id} title={ex.title} text={ex.text} hint={ex.hint} />
            ))}
          </details>
        </>
      ) : (
        <p className="muted">Only the service’s team members and admins can see its URL and key.</p>
      )}
    </li>
  );
}
