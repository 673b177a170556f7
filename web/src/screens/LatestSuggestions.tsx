import { useEffect } from 'react';
import { ErrorNotice, Loading } from '../components/Notices';
import { useResource } from '../hooks';
import { loadLatestIntake } from '../latestIntake';
import { href, redirect } from '../router';
import { IntakeResult } from './IntakeResult';

/**
 * A returning client's home: the suggestions of their newest check-in, read from the server so
 * every device shows them; without a current one, the check-in.
 */
export function LatestSuggestions() {
  const latest = useResource(loadLatestIntake, []);
  const current = latest.data && Date.parse(latest.data.expiresAt) > Date.now();
  useEffect(() => {
    if (latest.data === null || (latest.data && !current)) redirect(href('intake'));
  }, [latest.data, current]);
  if (latest.loading && latest.data === undefined) return <Loading what="your suggestions" />;
  if (latest.error) return <ErrorNotice error={latest.error} />;
  return current && latest.data ? <IntakeResult intakeId={latest.data.id} /> : null;
}
