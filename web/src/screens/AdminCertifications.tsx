import { useState } from 'react';
import { answer, client } from '../api/client';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { PendingCertificationCard } from '../components/PendingCertificationCard';
import { VerifiedCertificationCard } from '../components/VerifiedCertificationCard';
import { useResource } from '../hooks';
import { StatusTabs } from '../components/StatusTabs';

const PAGE = 100;

const VIEWS = {
  pending: {
    tab: 'Waiting for review',
    lead: 'Check each one against the issuer’s register before verifying it.',
    empty: 'No certification is waiting for review.',
  },
  verified: {
    tab: 'Verified',
    lead: 'Revoke a certification that no longer holds, for example one the issuer has suspended.',
    empty: 'No certification is verified yet.',
  },
  revoked: {
    tab: 'Revoked',
    lead: 'Certifications an admin has withdrawn, with the reason given.',
    empty: 'No certification has been revoked.',
  },
} as const;
type View = keyof typeof VIEWS;

/** The certifications by status: review the pending ones, revoke verified ones, see revoked ones. */
export function AdminCertifications({ show }: { show: string | null }) {
  const view: View = show === 'verified' || show === 'revoked' ? show : 'pending';
  return (
    <section>
      <h1>Certifications</h1>
      <StatusTabs
        label="Certifications by status"
        path="admin/certifications"
        views={VIEWS}
        current={view}
      />
      <CertificationList key={view} view={view} />
    </section>
  );
}

function CertificationList({ view }: { view: View }) {
  const list = useResource(
    () =>
      answer(
        client.GET('/api/v1/admin/certifications', {
          params: { query: { status: view, limit: PAGE } },
        }),
      ),
    [view],
  );
  const [message, setMessage] = useState('');
  return (
    <>
      <p className="lead">{VIEWS[view].lead}</p>
      <Status message={message} />
      {list.loading && !list.data && <Loading what="certifications" />}
      <ErrorNotice error={list.error} />
      {list.data?.items.length === 0 && <Empty>{VIEWS[view].empty}</Empty>}
      {list.data?.nextCursor && (
        <p className="hint">Showing the first {PAGE}; the next ones appear as you work.</p>
      )}
      <ul className="flag-list">
        {list.data?.items.map((certification) =>
          view === 'pending' ? (
            <PendingCertificationCard
              key={certification.id}
              certification={certification}
              onDecided={(text) => {
                setMessage(text);
                list.reload();
              }}
            />
          ) : (
            <VerifiedCertificationCard
              key={certification.id}
              certification={certification}
              onRevoked={setMessage}
            />
          ),
        )}
      </ul>
    </>
  );
}
