import { answer, client, type Schemas } from '../api/client';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { formatDateTime, humanize } from '../format';
import { useResource } from '../hooks';
import { href } from '../router';

/** Therapists ranked for an intake, with their next free slots (each one a link to book it). */
export function Matches({ intakeId }: { intakeId: string }) {
  const matches = useResource(
    () =>
      answer(client.GET('/api/v1/intakes/{id}/matches', { params: { path: { id: intakeId } } })),
    [intakeId],
  );

  return (
    <section className="matches" aria-labelledby="matches-title">
      <h2 id="matches-title">Therapists for you</h2>
      {matches.loading && !matches.data && <Loading what="matching therapists" />}
      <ErrorNotice error={matches.error} />
      {matches.data?.length === 0 && (
        <Empty>
          No certified therapist offers these techniques with free time in the next 7 days. Please
          check again soon.
        </Empty>
      )}
      <ul className="match-list">
        {matches.data?.map((match) => {
          const book = (slot?: Schemas['MatchSlotResponse']) =>
            href(`book/${match.therapist.id}`, {
              technique: match.technique,
              offering: match.nextSlots[0]?.offeringId,
              intake: intakeId,
              slot: slot?.startsAt,
            });
          return (
            <li key={`${match.therapist.id}:${match.technique}`} className="card match">
              <h3>
                {match.therapist.name} · {humanize(match.technique)}
              </h3>
              <p className="meta">
                {match.therapist.yearsExperience} years of experience · fit {match.score} / 100
              </p>
              <ul className="reasons">
                {match.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              {match.nextSlots.length > 0 ? (
                <>
                  <p className="reasons-title">Next free times:</p>
                  <ul className="slot-list">
                    {match.nextSlots.map((slot) => (
                      <li key={slot.startsAt}>
                        <a className="slot" href={book(slot)}>
                          {formatDateTime(slot.startsAt)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="meta">No free time in the next 7 days.</p>
              )}
              <a className="button secondary" href={book()}>
                See {match.therapist.name}’s week
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
