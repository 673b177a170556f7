import { answer, client, type Schemas } from '../api/client';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';

type Conflict = Schemas['BookingConflictResponse'];

/**
 * Sessions a change of the therapist's left in place (time off over them, hours that no longer
 * cover them), each with the client's email and phone from the agenda so they can be reached.
 */
export function AffectedSessions({
  title,
  advice,
  sessions,
}: {
  title: string;
  advice: string;
  sessions: Conflict[];
}) {
  const ids = sessions.map((s) => s.id).join(',');
  const contacts = useResource(async () => {
    if (sessions.length === 0) return new Map<string, Schemas['SessionClientResponse']>();
    const starts = sessions.map((s) => Date.parse(s.startsAt));
    const agenda = await answer(
      client.GET('/api/v1/therapists/me/bookings', {
        params: {
          query: {
            from: new Date(Math.min(...starts)).toISOString(),
            to: new Date(Math.max(...starts) + 86_400_000).toISOString(),
          },
        },
      }),
    );
    return new Map(agenda.map((item) => [item.id, item.client]));
  }, [ids]);
  if (sessions.length === 0) return null;
  return (
    <div className="notice notice-warning" role="alert">
      <p className="notice-title">{title}</p>
      <p>{advice}</p>
      <ul className="affected-sessions">
        {sessions.map((session) => {
          const contact = contacts.data?.get(session.id);
          return (
            <li key={session.id}>
              {formatDateTime(session.startsAt)} with {session.clientName}
              {contact?.email && (
                <>
                  {' · '}
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </>
              )}
              {contact?.phone && (
                <>
                  {' · '}
                  <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
