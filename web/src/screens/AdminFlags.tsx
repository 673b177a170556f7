import { useState } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { DecisionButtons } from '../components/DecisionButtons';
import { IntakeAnswersList } from '../components/IntakeAnswersList';
import { TextArea } from '../components/Field';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { formatDateTime } from '../format';
import { useAction, useResource } from '../hooks';

type FlagWithIntake = Schemas['FlagWithIntakeResponse'];

const PAGE = 50;

const FLAG_NAMES: Record<FlagWithIntake['code'], string> = {
  CLOT_RISK: 'Blood-clot risk',
  RED_FLAG_SEE_DOCTOR: 'Red flag: see a doctor',
  RED_FLAG_RETRACTED: 'Red flag answered no: confirm the doctor’s clearance',
};

/** The open intake flags, oldest first, each with the intake's answers and a decision. */
export function AdminFlags() {
  const flags = useResource(
    () =>
      answer(
        client.GET('/api/v1/admin/intake-flags', {
          params: { query: { status: 'open', limit: PAGE } },
        }),
      ),
    [],
  );
  const [message, setMessage] = useState('');
  return (
    <section>
      <h1>Flag queue</h1>
      <p className="lead">
        Intakes waiting for a clinician, oldest first. Every read and decision is written to the
        audit log.
      </p>
      <Status message={message} />
      {flags.loading && !flags.data && <Loading what="open flags" />}
      <ErrorNotice error={flags.error} />
      {flags.data?.items.length === 0 && <Empty>No open flags. Nothing to review.</Empty>}
      {flags.data?.nextCursor && (
        <p className="hint">
          Showing the {PAGE} oldest flags; the next ones appear as you resolve these.
        </p>
      )}
      <ul className="flag-list">
        {flags.data?.items.map((flag) => (
          <FlagCard
            key={flag.id}
            flag={flag}
            onResolved={(text) => {
              setMessage(text);
              flags.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function FlagCard({
  flag,
  onResolved,
}: {
  flag: FlagWithIntake;
  onResolved: (message: string) => void;
}) {
  const person = flag.client;
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const action = useAction();

  const resolve = (decision: 'approve' | 'reject') => {
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    setNoteMissing(false);
    void action.run(async () => {
      await answer(
        client.POST('/api/v1/admin/intake-flags/{id}/resolve', {
          params: { path: { id: flag.id } },
          body: { decision, note },
        }),
      );
      onResolved(
        decision === 'approve'
          ? `Approved: ${person.name} can now book.`
          : `Rejected: ${person.name} cannot book with this intake.`,
      );
    });
  };

  return (
    <li className="card flag">
      <h2>
        {person.name}{' '}
        <span className={`badge badge-${flag.severity}`}>{FLAG_NAMES[flag.code]}</span>
      </h2>
      <p className="meta">
        <a href={`mailto:${person.email}`}>{person.email}</a> · flagged{' '}
        {formatDateTime(flag.createdAt)}
      </p>
      <p>{flag.message}</p>
      <details open>
        <summary>All answers</summary>
        <IntakeAnswersList answers={flag.intake.answers} />
      </details>
      <TextArea
        label="Note (required)"
        hint="What you checked, e.g. “Spoke with her OB-GYN: no current clot.”"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        error={
          noteMissing ? 'Please write a note before deciding.' : action.error?.fieldError('note')
        }
      />
      <ErrorNotice error={action.error} />
      <DecisionButtons
        busy={action.busy}
        acceptLabel="Approve"
        onReject={() => resolve('reject')}
        onAccept={() => resolve('approve')}
      />
    </li>
  );
}
