import type { Schemas } from '../../api/client';
import { zoneName } from '../../format';
import { Empty } from '../Notices';

/** Where the spa is, and how its hours work: each therapist keeps their own. */
export function LocationsSection({ locations }: { locations: Schemas['LocationResponse'][] }) {
  return (
    <section className="public-section" aria-labelledby="locations-title">
      <h2 id="locations-title">Where and when</h2>
      {locations.length === 0 ? (
        <Empty>Our address will be here soon.</Empty>
      ) : (
        <ul className="location-list">
          {locations.map((location) => (
            <li key={location.id} className="card">
              <h3>{location.name}</h3>
              <address>{location.address}</address>
              <p className="meta">Times there are on {zoneName(location.timezone)}.</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        Open by appointment, every day our therapists work: each keeps their own hours, and each
        card above shows their next free day.
      </p>
    </section>
  );
}
