import { useState } from 'react';
import { api, query } from '../api';
import { TextArea } from '../components/Field';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { humanize } from '../format';
import { useAction, useResource } from '../hooks';
import type { AdminCertification, Page } from '../types';

/** Certifications waiting for verification: verify (note optional) or reject (note required). */
export function AdminCertifications() {
  const pending = useResource(
    () =>
      api.get<Page<AdminCertification>>(
        `/admin/certifications${query({ status: 'pending', limit: 100 })}`,
      ),
    [],
  );
  const [message, setMessage] = useState('');
  return (
    <section>
      <h1>Pending certifications</h1>
      <p className="lead">Check each one against the issuer’s register before verifying it.</p>
      <Status message={message} />
      {pending.loading && !pending.data && <Loading what="pending certifications" />}
      <ErrorNotice error={pending.error} />
      {pending.data?.items.length === 0 && <Empty>No certification is waiting for review.</Empty>}
      <ul className="flag-list">
        {pending.data?.items.map((certification) => (
          <CertificationCard
            key={certification.id}
            certification={certification}
            onDecided={(text) => {
              setMessage(text);
              pending.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function CertificationCard({
  certification: c,
  onDecided,
}: {
  certification: AdminCertification;
  onDecided: (message: string) => void;
}) {
  const [note, setNote] = useState('');
  const action = useAction();
  const kind =
    c.kind === 'massage-license' ? 'Massage licence' : `${humanize(c.kind)} certification`;

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
      <dl className="answers">
        <div>
          <dt>Issued by</dt>
          <dd>{c.issuer}</dd>
        </div>
        <div>
          <dt>Number</dt>
          <dd>{c.number}</dd>
        </div>
        <div>
          <dt>Valid until</dt>
          <dd>{c.expiresOn}</dd>
        </div>
        <div>
          <dt>Therapist</dt>
          <dd>
            {c.therapistName} (<a href={`mailto:${c.therapistEmail}`}>{c.therapistEmail}</a>)
          </dd>
        </div>
      </dl>
      <TextArea
        label="Note (required to reject)"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        error={action.error?.fieldError('note')}
      />
      <ErrorNotice error={action.error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          onClick={() => decide('reject')}
          disabled={action.busy}
        >
          Reject
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => decide('verify')}
          disabled={action.busy}
        >
          Verify
        </button>
      </div>
    </li>
  );
}
