import { useEffect, useRef } from 'react';
import { AffectedBookings } from '../components/AffectedBookings';
import { href } from '../router';
import type { Schemas } from '../api/client';

/**
 * A blocked intake: nothing to book, only the advice to see a doctor first, and the upcoming
 * bookings this check-in cancelled.
 */
export function RedFlagScreen({
  flags,
  affected,
}: {
  flags: Schemas['FlagResponse'][];
  affected: Schemas['AffectedBookingResponse'][];
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="fullscreen-alert" aria-labelledby="red-flag-title">
      <div className="fullscreen-alert-body">
        <p className="alert-icon" aria-hidden="true">
          !
        </p>
        <h1 id="red-flag-title" ref={heading} tabIndex={-1}>
          Please call your primary care provider first
        </h1>
        <p className="lead">
          Some of what you told us can be a sign of something other than tight muscles. A massage is
          not the right next step until a doctor has seen you.
        </p>
        {flags.map((flag) => (
          <p key={flag.id} className="flag-message">
            {flag.message}
          </p>
        ))}
        <p>
          <strong>
            If the pain is sudden or severe, or you have trouble breathing, call your local
            emergency number now.
          </strong>
        </p>
        <AffectedBookings bookings={affected} />
        <div className="actions">
          <a className="button secondary" href={href('bookings')}>
            My bookings
          </a>
          <a className="button primary" href={href('intake')}>
            Start a new check-in
          </a>
        </div>
      </div>
    </section>
  );
}
