import { Link } from 'react-router-dom';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There’s no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/alerts">Go to Alerts</Link>
      </p>
    </Page>
  );
}
