import { answer, client } from '../api/client';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { OutboxMessageCard } from '../components/OutboxMessageCard';
import { Pager, usePager } from '../components/Pager';
import { useResource } from '../hooks';
import { StatusTabs } from '../components/StatusTabs';

const PAGE = 20;

const VIEWS = {
  all: { tab: 'All', empty: 'Unknot has not written any email yet.' },
  queued: { tab: 'On its way', empty: 'Nothing is waiting to be sent.' },
  sent: { tab: 'Sent', empty: 'No email has been delivered yet.' },
  failed: { tab: 'Failed', empty: 'Every email has been delivered or is on its way.' },
  superseded: { tab: 'Not needed', empty: 'No email was dropped for a cancelled booking.' },
} as const;
type View = keyof typeof VIEWS;

const isView = (show: string | null): show is View => show !== null && show in VIEWS;

/** Outgoing email, newest first, by where it stands: an admin watches for failures here. */
export function AdminOutbox({ show }: { show: string | null }) {
  const view: View = isView(show) ? show : 'all';
  return (
    <section>
      <h1>Outbox</h1>
      <p className="lead">
        Every email Unknot sends, newest first. A message that cannot be delivered is tried again
        several times before it shows as failed.
      </p>
      <StatusTabs label="Email by status" path="admin/outbox" views={VIEWS} current={view} />
      <OutboxList key={view} view={view} />
    </section>
  );
}

function OutboxList({ view }: { view: View }) {
  const pager = usePager();
  const messages = useResource(
    () =>
      answer(
        client.GET('/api/v1/admin/outbox', {
          params: {
            query: {
              status: view === 'all' ? undefined : view,
              limit: PAGE,
              cursor: pager.cursor,
            },
          },
        }),
      ),
    [pager.cursor],
  );
  return (
    <>
      {messages.loading && !messages.data && <Loading what="outgoing email" />}
      <ErrorNotice error={messages.error} />
      {messages.data?.items.length === 0 && <Empty>{VIEWS[view].empty}</Empty>}
      <ul className="outbox-list" aria-busy={messages.loading}>
        {messages.data?.items.map((message) => (
          <OutboxMessageCard key={message.id} message={message} />
        ))}
      </ul>
      <Pager
        pager={pager}
        nextCursor={messages.data?.nextCursor}
        backLabel="Newer"
        forwardLabel="Older"
      />
    </>
  );
}
