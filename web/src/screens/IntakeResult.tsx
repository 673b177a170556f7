import { answer, client, type Schemas } from '../api/client';
import { affectedBookings } from '../affectedBookings';
import { AffectedBookings } from '../components/AffectedBookings';
import { ErrorNotice, Loading } from '../components/Notices';
import { formatDateTime, humanize } from '../format';
import { FLAG_REASONS } from '../messages';
import { useResource } from '../hooks';
import { href } from '../router';
import { Matches } from './Matches';
import { RedFlagScreen } from './RedFlagScreen';

const REVIEW_STATE: Record<Schemas['FlagResponse']['status'], string> = {
  open: 'Waiting for a clinician',
  approved: 'Approved by a clinician',
  rejected: 'Not approved',
};

/**
 * Suggested techniques with their reasons, the review notice, the bookings this check-in changed,
 * and matching therapists.
 */
export function IntakeResult({ intakeId }: { intakeId: string }) {
  const intake = useResource(
    () => answer(client.GET('/api/v1/intakes/{id}', { params: { path: { id: intakeId } } })),
    [intakeId],
  );

  if (intake.loading && !intake.data) return <Loading what="your suggestions" />;
  if (!intake.data) {
    return (
      <section>
        <h1>Your suggestions</h1>
        <ErrorNotice error={intake.error}>
          <p>
            <a href={href('intake')}>Start a new check-in</a>
          </p>
        </ErrorNotice>
      </section>
    );
  }
  const { status, suggestions, flags, expiresAt } = intake.data;
  const affected = affectedBookings.of(intakeId);
  if (status === 'blocked') {
    return (
      <RedFlagScreen
        flags={flags.filter((f) => f.code === 'RED_FLAG_SEE_DOCTOR')}
        affected={affected}
      />
    );
  }
  const reviewFlags = flags.filter((f) => f.code !== 'RED_FLAG_SEE_DOCTOR');

  return (
    <section className="result">
      <h1>Your suggestions</h1>
      <p className="lead">
        Based on your check-in. It is valid until {formatDateTime(expiresAt)};{' '}
        <a href={href('intake')}>start a new check-in</a> if anything changes.
      </p>
      {status === 'needs-review' && (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">A clinician will review your answers before you can book</p>
          {reviewFlags.map((flag) => (
            <p key={flag.id}>
              {FLAG_REASONS[flag.code] ?? flag.message}{' '}
              <strong>({REVIEW_STATE[flag.status]})</strong>
              {flag.resolutionNote && <> Note: {flag.resolutionNote}</>}
            </p>
          ))}
          <p>
            You can look at therapists and times already; booking opens once a clinician approves.
          </p>
        </div>
      )}
      <AffectedBookings bookings={affected} />
      {suggestions.length === 0 ? (
        <p className="empty">We have no technique to suggest for these answers.</p>
      ) : (
        <ol className="suggestions">
          {suggestions.map((suggestion, index) => (
            <li key={suggestion.technique} className="card">
              <h2>
                {humanize(suggestion.technique)}
                {index === 0 && <span className="badge badge-good">Best fit</span>}
              </h2>
              <p className="reasons-title">Why:</p>
              <ul className="reasons">
                {suggestion.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <Matches intakeId={intakeId} />
    </section>
  );
}
