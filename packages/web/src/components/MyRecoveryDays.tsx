import { localDay, shiftDay } from '../oncall-format';
import { useRecovery } from '../oncall-queries';
import { useCurrentUser, useViewerZone } from '../session';
import { useNow } from './LiveStatus';
import { Loading, QueryError } from './Page';
import { RecoveryList } from './RecoveryList';

/** How far back "your recovery days" look; what is granted ahead is always shown. */
export const RECOVERY_WEEKS = 12;

/** The signed-in person's rest days over the last weeks and ahead, with a way to decline upcoming ones. */
export function MyRecoveryDays() {
  const me = useCurrentUser();
  const zone = useViewerZone();
  const now = useNow(60_000);
  const from = shiftDay(localDay(now, zone), -7 * RECOVERY_WEEKS);
  const recovery = useRecovery({ userId: me.id, from });
  return (
    <>
      <p>
        After a page in your team’s sleep hours, or long paging on a weekend day or holiday, Operable gives you a day off call: recovery time off,
        granted automatically, with nobody to approve it. Your last {RECOVERY_WEEKS} weeks and what is ahead:
      </p>
      {recovery.isPending ? (
        <Loading what="Loading your recovery days" />
      ) : recovery.isError ? (
        <QueryError error={recovery.error} retry={() => recovery.refetch()} />
      ) : (
        <RecoveryList items={recovery.data} now={now} meId={me.id} zone={zone} label="Your recovery days" empty="No recovery days: no out-of-hours paging to recover from." />
      )}
    </>
  );
}
