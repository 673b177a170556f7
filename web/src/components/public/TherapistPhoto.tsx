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
    // The API's photoUrl is the large picture (640 px); a card needs the small one (160 px).
    const src = large
      ? therapist.photoUrl
      : `${therapist.photoUrl}${therapist.photoUrl.includes('?') ? '&' : '?'}size=small`;
    // The name is written beside it, so the picture adds nothing for a screen reader.
    return <img className={size} src={src} alt="" loading="lazy" />;
  }
  return (
    <span className={`${size} initials`} aria-hidden="true">
      {initialsOf(therapist.name)}
    </span>
  );
}
