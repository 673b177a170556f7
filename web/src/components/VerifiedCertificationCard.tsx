import { useState } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { CertificationFacts, certificationKind } from './CertificationFacts';
import { ConfirmButton } from './ConfirmButton';
import { TextArea } from './Field';
import { ErrorNotice } from './Notices';
import { formatDateTime } from '../format';
import { useAction } from '../hooks';

/** A verified certification, revoked with a reason in a confirm step; or one already revoked. */
export function VerifiedCertificationCard({
  certification,
  onRevoked,
}: {
  certification: Schemas['AdminCertificationResponse'];
  onRevoked: (message: string) => void;
}) {
  const [c, setCertification] = useState(certification);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const action = useAction();
  const kind = certificationKind(c.kind);

  const revoke = () => {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    void action.run(async () => {
      const revoked = await answer(
        client.POST('/api/v1/admin/certifications/{id}/revoke', {
          params: { path: { id: c.id } },
          body: { reason: reason.trim() },
        }),
      );
      setCertification({ ...c, ...revoked });
      onRevoked(
        `${kind} ${c.number} revoked. Upcoming sessions it no longer covers are cancelled.`,
      );
    });
  };

  const revoked = c.status === 'revoked';
  return (
    <li className="card">
      <h2>
        {kind}{' '}
        <span className={`badge ${revoked ? 'badge-bad' : 'badge-good'}`}>
          {revoked ? 'Revoked' : 'Verified'}
        </span>
        {c.expired && <span className="badge badge-bad">Expired</span>}
      </h2>
      <CertificationFacts certification={c} />
      {revoked ? (
        <p className="booking-reason">
          Revoked{c.revokedAt && ` ${formatDateTime(c.revokedAt)}`}
          {c.revocationReason && <>: {c.revocationReason}</>}
        </p>
      ) : (
        <>
          <ErrorNotice error={action.error} />
          <ConfirmButton
            label="Revoke"
            question={`Revoke ${c.therapistName}’s ${kind.toLowerCase()} ${c.number}? Upcoming sessions it no longer covers will be cancelled.`}
            confirmLabel="Yes, revoke it"
            busy={action.busy}
            onConfirm={revoke}
          >
            <TextArea
              label="Reason (required)"
              hint="The therapist reads it, e.g. “The board suspended this licence on 30 November.”"
              value={reason}
              maxLength={1000}
              onChange={(e) => setReason(e.target.value)}
              error={
                reasonMissing
                  ? 'Please write a reason before revoking.'
                  : action.error?.fieldError('reason')
              }
            />
          </ConfirmButton>
        </>
      )}
    </li>
  );
}
