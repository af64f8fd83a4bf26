import { Link } from 'react-router-dom';
import { useContactSetup } from '../queries';

/** A standing warning for people who can be paged but have no way to be reached. */
export function PagingBanner() {
  const setup = useContactSetup();
  // Unknown (loading, or the server can't say) is not the same as unreachable: stay quiet.
  if (!setup.data || setup.data.contactMethods.some((m) => m.verified)) return null;
  return (
    <div className="alert alert-warning banner">
      <p>
        <strong>You can’t be paged: add a verified contact method.</strong>{' '}
        <Link to="/profile">Set up how we reach you</Link>
      </p>
    </div>
  );
}
