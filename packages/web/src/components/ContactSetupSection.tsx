import { useContactSetup } from '../queries';
import { ContactMethods } from './ContactMethods';
import { NotificationRules } from './NotificationRules';
import { Loading, QueryError } from './Page';

/** Warnings about how (or whether) Operable can reach you; shown at the top of the profile. */
export function ContactWarnings() {
  const setup = useContactSetup();
  if (!setup.data) return null;
  const { warnings, contactMethods } = setup.data;
  // The server's warnings usually say this already; say it ourselves only if they don't.
  const unreachable = !contactMethods.some((m) => m.verified);
  if (!warnings.length && !unreachable) return null;
  return (
    <div className="alert alert-warning">
      {unreachable && !warnings.length && (
        <p>
          <strong>You can’t be paged: add a verified contact method</strong> under “How we reach you”.
        </p>
      )}
      {warnings.length > 0 && (
        <ul>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "How we reach you": contact methods and the rules for when each is used. */
export function ContactSetupSection() {
  const setup = useContactSetup();
  return (
    <section className="panel" aria-labelledby="reach-h">
      <h2 id="reach-h">How we reach you</h2>
      {setup.isPending ? (
        <Loading what="Loading your contact methods" />
      ) : setup.isError ? (
        <QueryError error={setup.error} retry={() => setup.refetch()} />
      ) : (
        <>
          <ContactMethods methods={setup.data.contactMethods} />
          <NotificationRules rules={setup.data.notificationRules} methods={setup.data.contactMethods} />
        </>
      )}
    </section>
  );
}
