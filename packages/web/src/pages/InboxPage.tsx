import type { InboxItem } from '@operable/shared';
import { Disclosure } from '../components/Disclosure';
import { InboxItemBody } from '../components/InboxItemBody';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { formatAgo, formatDateTime } from '../format';
import { kindLabel, newestFirst, unreadCount } from '../inbox-format';
import { useInbox, useMarkRead } from '../oncall-queries';
import { useCurrentUser, useViewerZone } from '../session';

/** News that never pages: handoff reports, swap requests, reminders, pre-flight warnings, rest days. */
export function InboxPage() {
  const me = useCurrentUser();
  const zone = useViewerZone();
  const now = useNow(60_000);
  const inbox = useInbox();
  const items = newestFirst(inbox.data ?? []);
  const unread = unreadCount(items);
  return (
    <Page title="Inbox">
      <p>
        News that doesn’t page you: handoff reports, swap requests, shift reminders, pre-flight checks, recovery time off and check-ins after incidents. Each also
        comes by email. Open an item to read it; it is then marked read.
      </p>
      {inbox.isPending ? (
        <Loading what="Loading your inbox" />
      ) : inbox.isError ? (
        <QueryError error={inbox.error} retry={() => inbox.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty">Nothing here yet. Handoff reports and reminders arrive once you are on a schedule.</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {unread === 0 ? 'All read.' : `${unread} unread.`}
          </p>
          <ul className="inbox-list" aria-label="Inbox items">
            {items.map((item) => (
              <InboxEntry key={item.id} item={item} meId={me.id} zone={zone} now={now} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function InboxEntry({ item, meId, zone, now }: { item: InboxItem; meId: string; zone: string; now: number }) {
  const markRead = useMarkRead();
  const unread = !item.readAt;
  return (
    <li className={`card inbox-item${unread ? ' inbox-unread' : ''}`}>
      <Disclosure
        level={2}
        title={
          <>
            {unread && <span className="badge badge-unread">Unread</span>} {item.title}
          </>
        }
        meta={
          <p className="inbox-meta">
            {kindLabel(item.kind)} ·{' '}
            <time dateTime={item.createdAt} title={formatDateTime(item.createdAt, zone)}>
              {formatAgo(item.createdAt, now)}
            </time>
          </p>
        }
        onOpen={() => unread && !markRead.isPending && markRead.mutate(item.id)}
      >
        <InboxItemBody item={item} zone={zone} meId={meId} />
      </Disclosure>
    </li>
  );
}
