import type { Alert, AlertDetail } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { keys } from '../queries';

type Action = 'acknowledge' | 'resolve' | 'escalate';

const DONE: Record<Action, string> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  escalate: 'escalated to the next step',
};

interface Props {
  alert: Pick<Alert, 'id' | 'number' | 'status'>;
  /** Offer "Escalate now" too (the alert's own page). */
  escalate?: boolean;
  /** Id of the alert's title, so each button is described by the alert it acts on. */
  describedBy?: string;
}

/**
 * Big Acknowledge / Resolve (and Escalate now) buttons for an open alert. Only
 * render this for responders and admins. Button names stay exactly the verb; the
 * alert they act on is their description.
 */
export function AlertActions({ alert, escalate, describedBy }: Props) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const act = useMutation({
    mutationFn: (action: Action) => api.post<AlertDetail>(`/api/alerts/${encodeURIComponent(alert.id)}/${action}`),
    onSuccess: (detail, action) => {
      qc.setQueryData(keys.alert(alert.id), detail);
      qc.invalidateQueries({ queryKey: keys.alerts() });
      announce(`Alert #${alert.number} ${DONE[action]}.`);
    },
    onError: (e, action) => announce(`Couldn’t ${action === 'escalate' ? 'escalate' : action} alert #${alert.number}: ${errorMessage(e)}`, 'error'),
  });
  if (alert.status === 'resolved') return null;
  const run = (action: Action) => () => !act.isPending && act.mutate(action);
  const busy = act.isPending;

  return (
    <div className="alert-actions">
      {alert.status === 'triggered' && (
        <button type="button" className="btn btn-primary btn-big" aria-describedby={describedBy} aria-disabled={busy} onClick={run('acknowledge')}>
          Acknowledge
        </button>
      )}
      <button
        type="button"
        className={`btn btn-big${alert.status === 'acknowledged' ? ' btn-primary' : ''}`}
        aria-describedby={describedBy}
        aria-disabled={busy}
        onClick={run('resolve')}
      >
        Resolve
      </button>
      {escalate && (
        <button type="button" className="btn" aria-describedby={describedBy} aria-disabled={busy} onClick={run('escalate')}>
          Escalate now
        </button>
      )}
      {busy && (
        <span className="muted" role="status">
          Working…
        </span>
      )}
    </div>
  );
}
