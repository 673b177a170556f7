import { formatMoney } from '../../format';
import type { Schemas } from '../../api/client';
import type { MenuEntry } from '../../spa';
import { Empty } from '../Notices';

const INTENSITY = { gentle: 'Gentle pressure', moderate: 'Medium pressure', firm: 'Firm pressure' };

/** The menu: each technique in words, what it helps and when not, and its sessions with prices. */
export function MenuSection({ menu }: { menu: MenuEntry[] }) {
  return (
    <section className="public-section" aria-labelledby="menu-title">
      <h2 id="menu-title">Menu</h2>
      {menu.length === 0 ? (
        <Empty>
          Our menu is still being written: no treatments can be booked yet. Please come back soon.
        </Empty>
      ) : (
        <ul className="menu-list">
          {menu.map(({ technique, offerings }) => (
            <li key={technique.slug} className="card menu-item">
              <h3>{technique.name}</h3>
              <p className="meta">{INTENSITY[technique.intensity]}</p>
              <p>{technique.description}</p>
              <ul className="sessions" aria-label={`${technique.name}: sessions and prices`}>
                {offerings.map((offering) => (
                  <SessionItem key={offering.id} offering={offering} />
                ))}
              </ul>
              {technique.goodFor.length > 0 && (
                <p>
                  <span className="facts-title">Good for: </span>
                  {technique.goodFor.join(', ')}.
                </p>
              )}
              {technique.cautions.length > 0 && (
                <div className="cautions">
                  <p className="facts-title">Please note</p>
                  <ul>
                    {technique.cautions.map((caution) => (
                      <li key={caution}>{caution}</li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One session of the menu: its name, then its length and price. */
export function SessionItem({
  offering,
}: {
  offering: Pick<Schemas['OfferingResponse'], 'name' | 'durationMinutes' | 'priceCents'>;
}) {
  return (
    <li>
      <span>{offering.name}</span>
      <span className="session-facts">
        {offering.durationMinutes} min · <strong>{formatMoney(offering.priceCents)}</strong>
      </span>
    </li>
  );
}
