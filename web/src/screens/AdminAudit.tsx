import { answer, client } from '../api/client';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { Pager, usePager } from '../components/Pager';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';

const PAGE = 50;

const detailsText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');

/** Every admin read and decision on intakes and certifications, newest first (append-only). */
export function AdminAudit() {
  const pager = usePager();
  const log = useResource(
    async () =>
      answer(
        client.GET('/api/v1/admin/audit-log', {
          params: { query: { limit: PAGE, cursor: pager.cursor } },
        }),
      ),
    [pager.cursor],
  );
  return (
    <section>
      <h1>Audit log</h1>
      <p className="lead">Newest first. Entries can never be changed or deleted.</p>
      {log.loading && !log.data && <Loading what="the audit log" />}
      <ErrorNotice error={log.error} />
      {log.data?.items.length === 0 && <Empty>Nothing has been recorded yet.</Empty>}
      {log.data && log.data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit log entries">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Admin</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.createdAt)}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.subjectType}{' '}
                    <code title={entry.subjectId}>{entry.subjectId.slice(0, 8)}</code>
                  </td>
                  <td>
                    <code title={entry.actorId}>{entry.actorId.slice(0, 8)}</code>
                  </td>
                  <td>{detailsText(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        pager={pager}
        nextCursor={log.data?.nextCursor}
        backLabel="Newer"
        forwardLabel="Older"
      />
    </section>
  );
}
