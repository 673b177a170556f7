import { useState } from 'react';
import { answer, client } from '../api/client';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { WaitlistEntryCard } from '../components/WaitlistEntryCard';
import { useResource } from '../hooks';
import { href } from '../router';

/** The client's places on the waitlist, and the times held for them. */
export function Waitlist({ highlight }: { highlight?: string }) {
  const [message, setMessage] = useState('');
  const waitlist = useResource(async () => {
    const [entries, offerings] = await Promise.all([
      answer(client.GET('/api/v1/waitlist', { params: { query: { limit: 100 } } })),
      answer(client.GET('/api/v1/offerings', { params: { query: { limit: 100 } } })),
    ]);
    const ids = new Set(
      entries.items.flatMap((e) => [e.therapistId, e.offer?.therapistId].filter(Boolean)),
    );
    const therapists = await Promise.all(
      [...ids].map((id) =>
        answer(client.GET('/api/v1/therapists/{id}', { params: { path: { id: id! } } })).catch(
          () => null,
        ),
      ),
    );
    return {
      entries: entries.items,
      sessions: new Map(offerings.items.map((o) => [o.id, o.name])),
      therapists: new Map(therapists.flatMap((t) => (t ? [[t.id, t.name] as const] : []))),
    };
  }, []);

  return (
    <section>
      <h1>Waitlist</h1>
      <p className="lead">
        When a time you are waiting for comes free, we hold it for you and email you.
      </p>
      <Status message={message} />
      {waitlist.loading && !waitlist.data && <Loading what="your waitlist" />}
      <ErrorNotice error={waitlist.error} />
      {waitlist.data?.entries.length === 0 && (
        <Empty>
          You are not waiting for any time. On a therapist’s week, “Join the waitlist” keeps you in
          line for one. <a href={href('bookings')}>See your bookings</a>
        </Empty>
      )}
      <ul className="waitlist">
        {waitlist.data?.entries.map((entry) => (
          <WaitlistEntryCard
            key={entry.id}
            entry={entry}
            sessionName={waitlist.data?.sessions.get(entry.offeringId) ?? 'Massage session'}
            therapistName={(id) => waitlist.data?.therapists.get(id)}
            highlighted={entry.offer?.id === highlight}
            onChange={(text) => {
              setMessage(text);
              waitlist.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}
