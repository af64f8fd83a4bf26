import { Link } from 'react-router-dom';
import { plural } from '../format';
import { localDay, shiftDay, tallyRecovery } from '../oncall-format';
import { useRecovery } from '../oncall-queries';
import { useCurrentUser, useViewerZone } from '../session';
import { Disclosure } from './Disclosure';
import { useNow } from './LiveStatus';
import { RECOVERY_WEEKS } from './MyRecoveryDays';
import { Loading, QueryError } from './Page';
import { RecoveryList } from './RecoveryList';

/** Rest days earned on this team's alerts over the last weeks (and those ahead), per person, then day by day. */
export function TeamRecoverySection({ teamId }: { teamId: string }) {
  const me = useCurrentUser();
  const zone = useViewerZone();
  const now = useNow(60_000);
  const from = shiftDay(localDay(now, zone), -7 * RECOVERY_WEEKS);
  const recovery = useRecovery({ teamId, from });
  const items = recovery.data ?? [];
  const tally = tallyRecovery(items, now);
  return (
    <section className="panel" aria-labelledby="team-recovery-h">
      <h2 id="team-recovery-h">Recovery days</h2>
      <p className="field-hint">
        Rest days granted after paging on this team’s alerts in the last {RECOVERY_WEEKS} weeks, and those ahead. “Taken” means the person was
        off call all that day; many “not taken” days mean the rotation can’t spare people.
      </p>
      {recovery.isPending ? (
        <Loading what="Loading recovery days" />
      ) : recovery.isError ? (
        <QueryError error={recovery.error} retry={() => recovery.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">No recovery days in the last {RECOVERY_WEEKS} weeks.</p>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-label="Recovery days per person" tabIndex={0}>
            <table className="load-table">
              <caption className="visually-hidden">Recovery days per person, last {RECOVERY_WEEKS} weeks</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Taken</th>
                  <th scope="col">Not taken</th>
                  <th scope="col">Ahead</th>
                  <th scope="col">Declined</th>
                </tr>
              </thead>
              <tbody>
                {tally.map((t) => (
                  <tr key={t.user.id}>
                    <th scope="row">
                      <Link to={`/users/${t.user.id}`}>{t.user.name}</Link>
                    </th>
                    <td>{t.granted}</td>
                    <td>{t.taken}</td>
                    <td>{t.notTaken}</td>
                    <td>{t.upcoming}</td>
                    <td>{t.declined}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Disclosure level={3} title={`Each rest day (${plural(items.length, 'day')})`}>
            <RecoveryList items={items} now={now} meId={me.id} zone={zone} label="Recovery days of the team" empty="" showPerson />
          </Disclosure>
        </>
      )}
    </section>
  );
}
