import type { Schemas } from '../../api/client';
import { formatDay, formatTime } from '../../format';
import { useResource } from '../../hooks';
import { loadOpenDays } from '../../openDays';
import type { PublicTherapist } from '../../spa';

/** "Next free: Tuesday, 8 December, from 9:00 AM", read from the therapist's slots. */
export function NextFreeDay({
  therapist,
  offerings,
}: {
  therapist: PublicTherapist;
  offerings: Schemas['OfferingResponse'][];
}) {
  const days = useResource(() => loadOpenDays(therapist, offerings, 14), [therapist.id, offerings]);
  const next = days.data?.[0];
  let text = 'Looking for the next free day…';
  if (days.error) text = 'Free days could not be loaded just now.';
  else if (days.data && !next) text = 'No free time in the next two weeks.';
  else if (next)
    text = `Next free: ${formatDay(new Date(next.opens))}, from ${formatTime(next.opens)}`;
  return (
    <p className="next-free" role="status">
      {text}
    </p>
  );
}
