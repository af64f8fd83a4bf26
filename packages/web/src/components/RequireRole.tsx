import type { Role } from '@operable/shared';
import { roleAtLeast } from '@operable/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../session';
import { Page } from './Page';

/** Show children only to users with at least `role`; others get a plain explanation. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const user = useCurrentUser();
  if (roleAtLeast(user.role, role)) return <>{children}</>;
  return (
    <Page title="Not available">
      <p>
        This page is for people with the <strong>{role}</strong> role. You are signed in as a{' '}
        <strong>{user.role}</strong>. Ask an admin if you need access.
      </p>
      <p>
        <Link to="/alerts">Go to Alerts</Link>
      </p>
    </Page>
  );
}
