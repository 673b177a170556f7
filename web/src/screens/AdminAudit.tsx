import { answer, client } from '../api/client';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { Pager, usePager } from '../components/Pager';
import { actionWords, detailWords, subjectWords } from '../auditWords';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';
import { useSession } from '../session';

const PAGE = 50;

/** Therapists' names by id, from the certifications admins decided on (verified or not). */
async function therapistNames(): Promise<Map<string, string>> {
  const pages = await Promise.all(
    (['verified', 'rejected', 'revoked', 'pending'] as const).map((status) =>
      answer(
        client.GET('/api/v1/admin/certifications', { params: { query: { status, limit: 100 } } }),
      ).catch(() => ({ items: [] })),
    ),
  );
  return new Map(pages.flatMap((page) => page.items.map((c) => [c.therapistId, c.therapistName])));
}

/** Every admin read and decision on intakes and certifications, newest first (append-only). */
export function AdminAudit() {
  const { user } = useSession();
  const pager = usePager();
  const log = useResource(async () => {
    const [page, names] = await Promise.all([
      answer(
        client.GET('/api/v1/admin/audit-log', {
          params: { query: { limit: PAGE, cursor: pager.cursor } },
        }),
      ),
      therapistNames(),
    ]);
    return { ...page, names };
  }, [pager.cursor]);
  return (
    <section>
      <h1>Audit log</h1>
      <p className="lead">
        Every time an administrator reads a check-in or decides on one or on a certification, newest
        first. Entries can never be changed or deleted.
      </p>
      {log.loading && !log.data && <Loading what="the audit log" />}
      <ErrorNotice error={log.error} />
      {log.data?.items.length === 0 && <Empty>Nothing has been recorded yet.</Empty>}
      {log.data && log.data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit log entries">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">About</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.createdAt)}</td>
                  <td>
                    {entry.actorId === user.id
                      ? 'You'
                      : entry.action === 'account.erase'
                        ? 'The account holder'
                        : 'Another administrator'}
                  </td>
                  <td>{actionWords(entry.action)}</td>
                  <td>{subjectWords(entry, log.data?.names ?? new Map())}</td>
                  <td>{detailWords(entry)}</td>
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
