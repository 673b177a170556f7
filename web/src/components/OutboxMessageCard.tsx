import type { Schemas } from '../api/client';
import { deliveryFailure, OUTBOX_KINDS, outboxState } from '../messages';

/** One outgoing email: what it is, to whom, and where it stands; a failure says why. */
export function OutboxMessageCard({ message }: { message: Schemas['OutboxMessageResponse'] }) {
  const failed = message.status === 'failed';
  return (
    <li className={failed ? 'card outbox-message outbox-failed' : 'card outbox-message'}>
      <h2>{OUTBOX_KINDS[message.kind]}</h2>
      <p className="outbox-subject">{message.subject}</p>
      <p className="meta">To {message.recipient}</p>
      <p className={`outbox-state outbox-state-${message.status}`}>{outboxState(message)}</p>
      {failed && <p className="outbox-reason">{deliveryFailure(message.lastError)}</p>}
    </li>
  );
}
