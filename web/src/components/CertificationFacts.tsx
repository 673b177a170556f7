import { humanize } from '../format';
import type { Schemas } from '../api/client';

export const certificationKind = (kind: string) =>
  kind === 'massage-license' ? 'Massage licence' : `${humanize(kind)} certification`;

/** What an admin checks against the issuer's register, and who filed it. */
export function CertificationFacts({
  certification: c,
}: {
  certification: Schemas['AdminCertificationResponse'];
}) {
  return (
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
  );
}
