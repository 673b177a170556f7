import { useState } from 'react';
import { api } from '../api';
import { CertificationFacts, certificationKind } from './CertificationFacts';
import { TextArea } from './Field';
import { DecisionButtons } from './DecisionButtons';
import { ErrorNotice } from './Notices';
import { useAction } from '../hooks';
import type { AdminCertification } from '../types';

/** A certification waiting for review: verify (note optional) or reject (note required). */
export function PendingCertificationCard({
  certification: c,
  onDecided,
}: {
  certification: AdminCertification;
  onDecided: (message: string) => void;
}) {
  const [note, setNote] = useState('');
  const action = useAction();
  const kind = certificationKind(c.kind);

  const decide = (decision: 'verify' | 'reject') =>
    action.run(async () => {
      await api.post(
        `/admin/certifications/${c.id}/${decision}`,
        note.trim() ? { note: note.trim() } : {},
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
