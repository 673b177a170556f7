import type { Schemas } from '../../api/client';
import { href } from '../../router';
import type { PublicTherapist } from '../../spa';
import { certificationKind } from '../CertificationFacts';
import { NextFreeDay } from './NextFreeDay';
import { TherapistPhoto } from './TherapistPhoto';

/** Names of techniques, from the catalog: `['deep-tissue']` → `Deep tissue massage`. */
export function techniqueNames(
  slugs: string[],
  techniques: Schemas['TechniqueResponse'][],
): string {
  return slugs.map((slug) => techniques.find((t) => t.slug === slug)?.name ?? slug).join(', ');
}

export function TherapistCard({
  therapist,
  techniques,
  offerings,
}: {
  therapist: PublicTherapist;
  techniques: Schemas['TechniqueResponse'][];
  offerings: Schemas['OfferingResponse'][];
}) {
  return (
    <li className="card therapist-card">
      <TherapistPhoto therapist={therapist} />
      <div className="therapist-facts">
        <h3>
          <a href={href(`therapists/${therapist.id}`)}>{therapist.name}</a>
        </h3>
        <p className="meta">
          {therapist.yearsExperience} {therapist.yearsExperience === 1 ? 'year' : 'years'} of
          experience
        </p>
        <p>{techniqueNames(therapist.techniques, techniques)}</p>
        {therapist.bio && <p className="bio">{therapist.bio}</p>}
        {therapist.certifications.length > 0 && (
          <p className="verified">
            Verified: {therapist.certifications.map((c) => certificationKind(c.kind)).join(', ')}
          </p>
        )}
        <NextFreeDay therapist={therapist} offerings={offerings} />
      </div>
    </li>
  );
}
