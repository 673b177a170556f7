import { answer, client, type Schemas } from '../api/client';
import { dayKey, formatDay, formatTime, humanize } from '../format';
import { useResource } from '../hooks';
import { href } from '../router';
import { freeDays, threeAcross } from '../slots';

type Match = Schemas['MatchResponse'];

/** The reasons worth a client's attention: why this therapist fits (not counts the card shows). */
const shortReason = (match: Match) =>
  match.reasons.filter((reason) => !/free slot|of experience/i.test(reason)).join('. ');

const fitWord = (score: number) =>
  score >= 80 ? 'Excellent fit' : score >= 60 ? 'Good fit' : 'Fair fit';

/**
 * One therapist for this check-in: photo, bio, one fit with its reason, the next free day with
 * three times spread across it (each books in one step) and a link to every other time.
 */
export function MatchCard({
  match,
  intakeId,
  alsoOffers,
}: {
  match: Match;
  intakeId: string;
  /** The therapist's other suggested techniques (one card per therapist). */
  alsoOffers: Match['technique'][];
}) {
  const first = match.nextSlots[0];
  const details = useResource(async () => {
    const profile = answer(
      client.GET('/api/v1/therapists/{id}', { params: { path: { id: match.therapist.id } } }),
    );
    if (!first) return { profile: await profile, times: [] };
    // The whole of the first free day, to offer times across it rather than five in a row.
    const from = new Date(first.startsAt);
    const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1);
    const slots = await answer(
      client.GET('/api/v1/therapists/{id}/slots', {
        params: {
          path: { id: match.therapist.id },
          query: { offeringId: first.offeringId, from: from.toISOString(), to: to.toISOString() },
        },
      }),
    ).catch(() => ({ slots: match.nextSlots }));
    const day = freeDays(slots.slots)[0];
    return { profile: await profile, times: threeAcross(day?.slots ?? match.nextSlots) };
  }, [match.therapist.id, first?.startsAt]);

  const book = (params: { slot?: string; day?: string } = {}) =>
    href(`book/${match.therapist.id}`, {
      technique: match.technique,
      offering: first?.offeringId,
      intake: intakeId,
      ...params,
    });
  const bio = details.data?.profile.bio;
  const titleId = `match-${match.therapist.id}`;
  return (
    <li className="card match" aria-labelledby={titleId}>
      <div className="match-head">
        {match.therapist.photoUrl ? (
          <img className="avatar" src={`${match.therapist.photoUrl}&size=small`} alt="" />
        ) : (
          <span className="avatar" aria-hidden="true">
            {match.therapist.name
              .split(/\s+/)
              .map((word) => word.charAt(0))
              .slice(0, 2)
              .join('')}
          </span>
        )}
        <div>
          <h3 id={titleId}>{match.therapist.name}</h3>
          <p className="meta">
            {humanize(match.technique)} · {match.therapist.yearsExperience} years of experience
          </p>
        </div>
      </div>
      <p className="fit">
        <strong>{fitWord(match.score)}</strong>
        {shortReason(match) && `: ${shortReason(match)}`}
      </p>
      {bio && <p className="bio">{bio}</p>}
      {alsoOffers.length > 0 && (
        <p className="meta">Also offers {alsoOffers.map(humanize).join(', ')}</p>
      )}
      {first ? (
        <>
          <p className="next-day">Next free: {formatDay(new Date(first.startsAt))}</p>
          <ul className="slot-list">
            {(details.data?.times ?? []).map((slot) => (
              <li key={slot.startsAt}>
                <a className="slot" href={book({ slot: slot.startsAt })}>
                  {formatTime(slot.startsAt)}
                </a>
              </li>
            ))}
          </ul>
          <a className="button secondary" href={book({ day: dayKey(new Date(first.startsAt)) })}>
            More times with {match.therapist.name}
          </a>
        </>
      ) : (
        <>
          <p className="meta">No free time in the next 7 days.</p>
          <a className="button secondary" href={book()}>
            Later dates with {match.therapist.name}
          </a>
        </>
      )}
    </li>
  );
}
