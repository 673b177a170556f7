import { useState } from 'react';
import { answer, client } from '../api/client';
import { formatShortDay } from '../format';
import { useAction } from '../hooks';
import { href } from '../router';
import { ErrorNotice } from './Notices';

/**
 * "None of these times suit you?": a place on the waitlist for this therapist and session over
 * the days shown, so a time that comes free there is held for this client and emailed.
 */
export function JoinWaitlist({
  therapistId,
  therapistName,
  offeringId,
  from,
  to,
}: {
  therapistId: string;
  therapistName: string;
  offeringId: string;
  from: Date;
  to: Date;
}) {
  const [joined, setJoined] = useState(false);
  const action = useAction();
  const start = new Date(Math.max(from.getTime(), Date.now()));
  const join = () =>
    void action.run(async () => {
      await answer(
        client.POST('/api/v1/waitlist', {
          body: { offeringId, therapistId, from: start.toISOString(), to: to.toISOString() },
        }),
      );
      setJoined(true);
    });
  const days = `${formatShortDay(start)} – ${formatShortDay(new Date(to.getTime() - 1))}`;
  return (
    <div className="card waitlist-join">
      <h2>No time that suits you?</h2>
      {joined ? (
        <p role="status">
          You are on the waitlist for {days}. If a time with {therapistName} comes free, we hold it
          for you and email you. <a href={href('waitlist')}>See your waitlist</a>
        </p>
      ) : (
        <>
          <p>
            Join the waitlist for {days}: when a time with {therapistName} comes free, we hold it
            for you for a few minutes and email you.
          </p>
          <ErrorNotice error={action.error} />
          <button type="button" className="secondary" onClick={join} disabled={action.busy}>
            {action.busy ? 'Joining…' : 'Join the waitlist'}
          </button>
        </>
      )}
    </div>
  );
}
