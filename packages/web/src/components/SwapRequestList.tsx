import type { SwapRequest } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { formatSpan } from '../schedule-layout';
import { scheduleKeys, useRefreshOnCall } from '../schedule-queries';

const STATUS: Record<SwapRequest['status'], string> = { pending: 'Waiting', accepted: 'Accepted', declined: 'Declined', cancelled: 'Cancelled' };

interface Props {
  items: SwapRequest[];
  meId: string;
  zone: string;
  /** "Incoming swap requests", for the list's name. */
  label: string;
  empty: string;
  /** Leave out the schedule's name (on the schedule's own page). */
  hideSchedule?: boolean;
}

/** Swap requests with the answers the signed-in person may give. */
export function SwapRequestList({ items, meId, zone, label, empty, hideSchedule }: Props) {
  if (!items.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="swap-list" aria-label={label}>
      {items.map((r) => (
        <SwapItem key={r.id} r={r} meId={meId} zone={zone} hideSchedule={hideSchedule} />
      ))}
    </ul>
  );
}

type Answer = 'accept' | 'decline' | 'cancel';
const DONE: Record<Answer, string> = { accept: 'Swap accepted: you are on call for that span.', decline: 'Swap declined.', cancel: 'Swap request cancelled.' };

function SwapItem({ r, meId, zone, hideSchedule }: { r: SwapRequest; meId: string; zone: string; hideSchedule?: boolean }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const refresh = useRefreshOnCall();
  const answer = useMutation({
    mutationFn: (a: Answer) => api.post<SwapRequest>(`/api/swap-requests/${encodeURIComponent(r.id)}/${a}`),
    onSuccess: (updated, a) => {
      qc.setQueryData<SwapRequest[]>(scheduleKeys.swaps, (list) => list?.map((x) => (x.id === updated.id ? updated : x)));
      qc.invalidateQueries({ queryKey: scheduleKeys.swaps });
      if (a === 'accept') refresh(r.scheduleId);
      announce(DONE[a]);
    },
    // Someone else may have answered meanwhile: show what is true now.
    onError: () => qc.invalidateQueries({ queryKey: scheduleKeys.swaps }),
  });
  const incoming = r.responder.id === meId;
  const span = formatSpan(r.start, r.end, zone);
  const run = (a: Answer) => !answer.isPending && answer.mutate(a);

  return (
    <li className={`card swap swap-${r.status}`}>
      <p>
        <span className={`badge badge-swap-${r.status}`}>{STATUS[r.status]}</span>{' '}
        {incoming ? (
          <>
            <strong>{r.requester.name}</strong> asks you to cover
          </>
        ) : (
          <>
            You asked <strong>{r.responder.name}</strong> to cover
          </>
        )}{' '}
        {r.role}
        {!hideSchedule && (
          <>
            {' '}
            on <Link to={`/schedules/${r.scheduleId}`}>{r.scheduleName}</Link>
          </>
        )}
        , {span}.
      </p>
      {r.message && <p className="prewrap">“{r.message}”</p>}
      {r.status === 'pending' && (
        <div className="step-controls">
          {incoming ? (
            <>
              <button type="button" className="btn btn-primary btn-small" aria-disabled={answer.isPending} aria-label={`Accept swap from ${r.requester.name}, ${span}`} onClick={() => run('accept')}>
                Accept
              </button>
              <button type="button" className="btn btn-small" aria-disabled={answer.isPending} aria-label={`Decline swap from ${r.requester.name}, ${span}`} onClick={() => run('decline')}>
                Decline
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small btn-danger-outline" aria-disabled={answer.isPending} aria-label={`Cancel swap request to ${r.responder.name}, ${span}`} onClick={() => run('cancel')}>
              Cancel request
            </button>
          )}
        </div>
      )}
      <div role="alert">{answer.isError && <p className="alert alert-error">{errorMessage(answer.error)}</p>}</div>
    </li>
  );
}
