import { MyRecoveryDays } from '../components/MyRecoveryDays';
import { Page } from '../components/Page';

/** Where the "recovery time off" notice sends people (its email links to /recovery). */
export function RecoveryPage() {
  return (
    <Page title="Your recovery days" back={{ to: '/profile', label: 'Your profile' }}>
      <MyRecoveryDays />
    </Page>
  );
}
