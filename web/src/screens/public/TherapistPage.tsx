import { answer, client } from '../../api/client';
import { certificationKind } from '../../components/CertificationFacts';
import { CheckInLink } from '../../components/public/CheckInLink';
import { SessionItem } from '../../components/public/MenuSection';
import { techniqueNames } from '../../components/public/TherapistCard';
import { TherapistPhoto } from '../../components/public/TherapistPhoto';
import { Empty, ErrorNotice, Loading } from '../../components/Notices';
import { formatDay, formatTime } from '../../format';
import { useResource } from '../../hooks';
import { loadOpenDays } from '../../openDays';
import { href } from '../../router';
import { menuOf, type PublicTherapist } from '../../spa';

const longDate = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

async function loadTherapistPage(id: string) {
  const [therapist, techniques, offerings] = await Promise.all([
    answer(
      client.GET('/api/v1/therapists/{id}', { params: { path: { id } } }),
    ) as Promise<PublicTherapist>,
    answer(client.GET('/api/v1/techniques')),
    answer(client.GET('/api/v1/offerings', { params: { query: { limit: 100 } } })),
  ]);
  // In the menu's order: by technique as the catalog lists them, then from short to long.
  const sessions = menuOf({ techniques, offerings: offerings.items })
    .filter(({ technique }) => therapist.techniques.includes(technique.slug))
    .flatMap((entry) => entry.offerings);
  // Seven days from now reach into an eighth date: the page lists seven.
  const openDays = await loadOpenDays(therapist, sessions, 7).then(
    (days) => days.slice(0, 7),
    () => null,
  );
  return { therapist, techniques, sessions, openDays };
}

/** A therapist's public page: who they are, what they give and for how much, when they are free. */
export function TherapistPage({ therapistId }: { therapistId: string }) {
  const page = useResource(() => loadTherapistPage(therapistId), [therapistId]);
  if (page.loading && !page.data) return <Loading what="the therapist" />;
  // A link with an id that is no one's (404), or not an id at all (400): the same for a person.
  if (page.error?.status === 404 || page.error?.status === 400) {
    return (
      <section className="public-page">
        <h1>Therapist not found</h1>
        <p>This therapist does not take bookings at the moment.</p>
        <p>
          <a href={href('')}>See our menu and therapists</a>
        </p>
      </section>
    );
  }
  if (!page.data) return <ErrorNotice error={page.error} />;
  const { therapist, techniques, sessions, openDays } = page.data;
  return (
    <article className="public-page therapist-page">
      <p>
        <a href={href('')}>← Menu and therapists</a>
      </p>
      <header className="therapist-header">
        <TherapistPhoto therapist={therapist} large />
        <div>
          <h1>{therapist.name}</h1>
          <p className="meta">
            {therapist.yearsExperience} {therapist.yearsExperience === 1 ? 'year' : 'years'} of
            experience · {techniqueNames(therapist.techniques, techniques)}
          </p>
        </div>
      </header>
      {therapist.bio && <p className="lead">{therapist.bio}</p>}
      <CheckInLink />

      <section className="public-section" aria-labelledby="free-title">
        <h2 id="free-title">Free in the next 7 days</h2>
        {openDays === null && <p>Free days could not be loaded just now.</p>}
        {openDays?.length === 0 && <Empty>No free time in the next 7 days.</Empty>}
        {openDays && openDays.length > 0 && (
          <ul className="open-days">
            {openDays.map((day) => (
              <li key={day.day}>
                <strong>{formatDay(new Date(day.opens))}</strong>: {formatTime(day.opens)} to{' '}
                {formatTime(day.closes)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="public-section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {sessions.length === 0 ? (
          <Empty>Nothing on our menu today is given by {therapist.name}.</Empty>
        ) : (
          <ul className="sessions card">
            {sessions.map((offering) => (
              <SessionItem key={offering.id} offering={offering} />
            ))}
          </ul>
        )}
      </section>

      <section className="public-section" aria-labelledby="certified-title">
        <h2 id="certified-title">Checked by our team</h2>
        {therapist.certifications.length === 0 ? (
          <Empty>No certification is verified yet.</Empty>
        ) : (
          <ul>
            {therapist.certifications.map((c) => (
              <li key={`${c.kind}:${c.issuer}`}>
                {certificationKind(c.kind)}, issued by {c.issuer}, valid until{' '}
                {longDate.format(new Date(`${c.expiresOn}T12:00:00`))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
