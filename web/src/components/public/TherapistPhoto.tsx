import type { PublicTherapist } from '../../spa';

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0])
    .filter((_, index, all) => index === 0 || index === all.length - 1)
    .join('')
    .toUpperCase();

/** The therapist's photo when there is one, else their initials on a calm tile. */
export function TherapistPhoto({
  therapist,
  large = false,
}: {
  therapist: PublicTherapist;
  large?: boolean;
}) {
  const size = large ? 'therapist-photo large' : 'therapist-photo';
  if (therapist.photoUrl) {
    const src = large
      ? therapist.photoUrl.replace(/size=small\b/, 'size=large')
      : therapist.photoUrl;
    return <img className={size} src={src} alt={`Photo of ${therapist.name}`} loading="lazy" />;
  }
  return (
    <span className={`${size} initials`} aria-hidden="true">
      {initialsOf(therapist.name)}
    </span>
  );
}
