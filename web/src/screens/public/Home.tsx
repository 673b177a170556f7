import { CheckInLink } from '../../components/public/CheckInLink';
import { LocationsSection } from '../../components/public/LocationsSection';
import { MenuSection } from '../../components/public/MenuSection';
import { TherapistCard } from '../../components/public/TherapistCard';
import { Empty, ErrorNotice, Loading } from '../../components/Notices';
import { useResource } from '../../hooks';
import { loadSpa, menuOf, usePreloadedSpa } from '../../spa';

/** The spa's front door, for anyone: what it is, the menu, the people, the address. */
export function Home() {
  const spa = useResource(loadSpa, [], usePreloadedSpa());
  return (
    <div className="public-page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">Massage that unknots your upper back</h1>
        <p className="lead">
          Unknot is a massage spa for back, neck and shoulder pain. A two-minute check-in tells us
          where it hurts; we suggest the techniques that fit, with the reasons, and a certified
          therapist with free time. We check your safety first.
        </p>
        <CheckInLink />
      </section>
      {spa.loading && !spa.data && <Loading what="the menu" />}
      <ErrorNotice error={spa.error} />
      {spa.data && (
        <>
          <MenuSection menu={menuOf(spa.data)} />
          <section className="public-section" aria-labelledby="therapists-title">
            <h2 id="therapists-title">Our therapists</h2>
            {spa.data.therapists.length === 0 ? (
              <Empty>
                Our therapists are still getting their licences checked. Please come back soon.
              </Empty>
            ) : (
              <ul className="therapist-list">
                {spa.data.therapists.map((therapist) => (
                  <TherapistCard
                    key={therapist.id}
                    therapist={therapist}
                    techniques={spa.data!.techniques}
                    offerings={spa.data!.offerings}
                  />
                ))}
              </ul>
            )}
          </section>
          <LocationsSection locations={spa.data.locations} />
        </>
      )}
      <section className="public-section how" aria-labelledby="how-title">
        <h2 id="how-title">How booking works</h2>
        <ol>
          <li>Create an account and answer a few questions about your back.</li>
          <li>See the techniques that suit you, why, and the therapists who give them.</li>
          <li>Pick a free time: we email you the confirmation and a calendar invitation.</li>
        </ol>
        <CheckInLink className="button secondary" />
      </section>
    </div>
  );
}
