import { useState } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { CertificationFacts, certificationKind } from './CertificationFacts';
import { TextArea } from './Field';
import { DecisionButtons } from './DecisionButtons';
import { ErrorNotice } from './Notices';
import { useAction } from '../hooks';

/** A certification waiting for review: verify (note optional) or reject (note required). */
export function PendingCertificationCard({
  certification: c,
  onDecided,
}: {
  certification: Schemas['AdminCertificationResponse'];
  onDecided: (message: string) => void;
}) {
  const [note, setNote] = useState('');
  const action = useAction();
  const kind = certificationKind(c.kind);

  const decide = (decision: 'verify' | 'reject') =>
    action.run(async () => {
      const params = { path: { id: c.id } };
      await answer(
        decision === 'verify'
          ? client.POST('/api/v1/admin/certifications/{id}/verify', {
              params,
              body: note.trim() ? { note: note.trim() } : {},
            })
          : client.POST('/api/v1/admin/certifications/{id}/reject', {
              params,
              body: { note: note.trim() },
            }),
      );
      onDecided(`${kind} ${c.number} ${decision === 'verify' ? 'verified' : 'rejected'}.`);
    });

  return (
    <li className="card">
      <h2>{kind}</h2>
      <CertificationFacts certification={c} />
      <TextArea
        label="Note (required to reject)"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        error={action.error?.fieldError('note')}
      />
      <ErrorNotice error={action.error} />
      <DecisionButtons
        busy={action.busy}
        acceptLabel="Verify"
        onReject={() => decide('reject')}
        onAccept={() => decide('verify')}
      />
    </li>
  );
}
