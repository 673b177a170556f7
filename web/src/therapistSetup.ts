import type { Schemas } from './api/client';

type Profile = Schemas['TherapistProfileResponse'];
type Certification = Schemas['CertificationResponse'];

export interface SetupStep {
  key: 'profile' | 'photo' | 'certifications' | 'hours';
  title: string;
  /** done: nothing left; waiting: on someone else (an admin); todo: on the therapist. */
  state: 'done' | 'waiting' | 'todo';
  /** Clients can book without it (a photo): it does not hold the therapist on this checklist. */
  optional?: boolean;
  /** What is missing and why it matters to clients, in a sentence or two. */
  text: string;
  /** The screen that does it; none while an earlier step must come first. */
  link?: { to: string; label: string };
}

const licence = (profile: Profile): Certification | undefined => {
  const licences = profile.certifications.filter((c) => c.kind === 'massage-license');
  return (
    licences.find((c) => c.verified && !c.expired) ??
    licences.find((c) => c.status === 'pending' && !c.expired) ??
    licences[0]
  );
};

function certificationStep(profile: Profile | null): SetupStep {
  const link = { to: 'therapist/profile', label: 'Add a certification' };
  const title = 'Massage licence';
  const current = profile && licence(profile);
  if (!profile) {
    return {
      key: 'certifications',
      title,
      state: 'todo',
      text: 'Once your profile is saved, add your massage licence. Clients can book only therapists whose licence we have verified.',
    };
  }
  if (!current) {
    return {
      key: 'certifications',
      title,
      state: 'todo',
      text: 'Add your massage licence. Clients can book only therapists whose licence we have verified.',
      link,
    };
  }
  if (current.verified && !current.expired) {
    return { key: 'certifications', title, state: 'done', text: 'Verified.', link };
  }
  if (current.status === 'pending' && !current.expired) {
    return {
      key: 'certifications',
      title,
      state: 'waiting',
      text: 'Sent for review: an admin checks it, usually within a working day. Clients can book you once it is verified.',
      link: { ...link, label: 'See your certifications' },
    };
  }
  const why = current.expired
    ? 'Your licence has expired.'
    : current.status === 'revoked'
      ? 'Your licence was withdrawn.'
      : 'Your licence was not accepted.';
  return {
    key: 'certifications',
    title,
    state: 'todo',
    text: `${why} Add a current one: clients cannot book you until it is verified.`,
    link,
  };
}

/**
 * What a new therapist still has to do before clients can book them, in order: a profile,
 * a photo, a verified licence, weekly hours. `hours` is the number of weekly windows (null before a profile).
 */
export function setupSteps(profile: Profile | null, hours: number | null): SetupStep[] {
  const profileStep: SetupStep = !profile
    ? {
        key: 'profile',
        title: 'Your profile',
        state: 'todo',
        text: 'Tell clients about yourself and choose the techniques you offer. Without a profile you do not appear in any search.',
        link: { to: 'therapist/profile', label: 'Set up your profile' },
      }
    : profile.techniques.length === 0
      ? {
          key: 'profile',
          title: 'Your profile',
          state: 'todo',
          text: 'Choose at least one technique you offer: clients find therapists by technique.',
          link: { to: 'therapist/profile', label: 'Choose your techniques' },
        }
      : {
          key: 'profile',
          title: 'Your profile',
          state: 'done',
          text: 'Saved.',
          link: { to: 'therapist/profile', label: 'Edit your profile' },
        };
  const hoursStep: SetupStep =
    hours && hours > 0
      ? {
          key: 'hours',
          title: 'Weekly hours',
          state: 'done',
          text: 'Set.',
          link: { to: 'therapist/hours', label: 'Change your hours' },
        }
      : {
          key: 'hours',
          title: 'Weekly hours',
          state: 'todo',
          text: profile
            ? 'Add the hours you work each week. Clients can only pick times inside them.'
            : 'Once your profile is saved, add the hours you work each week. Clients can only pick times inside them.',
          link: profile ? { to: 'therapist/hours', label: 'Add your hours' } : undefined,
        };
  const photoStep: SetupStep = profile?.photoUrl
    ? {
        key: 'photo',
        title: 'Photo',
        optional: true,
        state: 'done',
        text: 'Added.',
        link: { to: 'therapist/profile', label: 'Change your photo' },
      }
    : {
        key: 'photo',
        title: 'Photo (recommended)',
        optional: true,
        state: 'todo',
        text: profile
          ? 'Add a photo of yourself: clients see it next to your name when they choose a therapist.'
          : 'Once your profile is saved, add a photo of yourself: clients see it next to your name when they choose a therapist.',
        link: profile ? { to: 'therapist/profile', label: 'Add your photo' } : undefined,
      };
  return [profileStep, photoStep, certificationStep(profile), hoursStep];
}
