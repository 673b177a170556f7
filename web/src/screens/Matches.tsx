import { answer, client, type Schemas } from '../api/client';
import { MatchCard } from '../components/MatchCard';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { useResource } from '../hooks';
import { href } from '../router';

type Match = Schemas['MatchResponse'];

/** One entry per therapist, at their best-ranked technique, with the others they offer. */
function byTherapist(matches: Match[]): { match: Match; alsoOffers: Match['technique'][] }[] {
  const cards = new Map<string, { match: Match; alsoOffers: Match['technique'][] }>();
  for (const match of matches) {
    const card = cards.get(match.therapist.id);
    if (card) card.alsoOffers.push(match.technique);
    else cards.set(match.therapist.id, { match, alsoOffers: [] });
  }
  return [...cards.values()];
}

/** Therapists ranked for an intake, each with the next free day's times. */
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
          check again soon, or <a href={href('intake')}>start a new check-in</a> if anything has
          changed.
        </Empty>
      )}
      <ul className="match-list">
        {byTherapist(matches.data ?? []).map(({ match, alsoOffers }) => (
          <MatchCard
            key={match.therapist.id}
            match={match}
            intakeId={intakeId}
            alsoOffers={alsoOffers}
          />
        ))}
      </ul>
    </section>
  );
}
