import type { SwapRequest } from '@operable/shared';
import { Loading, Page, QueryError } from '../components/Page';
import { SwapRequestList } from '../components/SwapRequestList';
import { useSwapRequests } from '../schedule-queries';
import { useCurrentUser, useViewerZone } from '../session';

/** Waiting requests first, then the newest. */
function ordered(items: SwapRequest[]): SwapRequest[] {
  return [...items].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || b.createdAt.localeCompare(a.createdAt));
}

export function SwapRequestsPage() {
  const me = useCurrentUser();
  const zone = useViewerZone();
  const swaps = useSwapRequests();
  const items = ordered(swaps.data ?? []);
  return (
    <Page title="Swap requests" back={{ to: '/schedules', label: 'Schedules' }}>
      <p>Ask for a swap from a schedule’s page. When someone accepts, they become an override for that span.</p>
      {swaps.isPending ? (
        <Loading what="Loading swap requests" />
      ) : swaps.isError ? (
        <QueryError error={swaps.error} retry={() => swaps.refetch()} />
      ) : (
        <>
          <h2>For you to answer</h2>
          <SwapRequestList
            items={items.filter((r) => r.responder.id === me.id)}
            meId={me.id}
            zone={zone}
            label="Swap requests for you"
            empty="Nobody has asked you to cover a shift."
          />
          <h2>Sent by you</h2>
          <SwapRequestList
            items={items.filter((r) => r.requester.id === me.id)}
            meId={me.id}
            zone={zone}
            label="Swap requests you sent"
            empty="You haven’t asked anyone to cover a shift."
          />
        </>
      )}
    </Page>
  );
}
