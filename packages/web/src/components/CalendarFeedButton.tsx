import type { CalendarFeed } from '@operable/shared';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { CopyBox } from './CopyBox';

interface Props {
  /** POST creates a feed and answers its URL once; DELETE revokes it. */
  path: string;
  /** "this schedule" / "your shifts". */
  what: string;
}

/** A private calendar (iCalendar) link, shown once, and a way to revoke it. */
export function CalendarFeedButton({ path, what }: Props) {
  const announce = useAnnounce();
  const create = useMutation({ mutationFn: () => api.post<CalendarFeed>(path) });
  const revoke = useMutation({
    mutationFn: () => api.del(path),
    onSuccess: () => {
      create.reset();
      announce('Calendar feed revoked: the old link no longer works.');
    },
  });
  const error = create.error ?? revoke.error;

  return (
    <div className="calendar-feed">
      <div className="step-controls">
        <button
          type="button"
          className="btn"
          aria-disabled={create.isPending}
          onClick={() => {
            if (create.isPending) return;
            revoke.reset();
            create.mutate();
          }}
        >
          Calendar feed
        </button>
        <button type="button" className="btn btn-danger-outline" aria-disabled={revoke.isPending} onClick={() => !revoke.isPending && revoke.mutate()}>
          Revoke calendar feed
        </button>
      </div>
      <div aria-live="polite">
        {create.data && (
          <>
            <CopyBox label={`Calendar feed for ${what}`} value={create.data.url} />
            <p className="field-hint">
              Add this link to your calendar app as a subscription. It is shown only now; anyone who has it can read these shifts, so
              keep it private and revoke it if it leaks.
            </p>
          </>
        )}
      </div>
      <div role="alert">{Boolean(error) && <p className="alert alert-error">Calendar feed: {errorMessage(error)}</p>}</div>
    </div>
  );
}
