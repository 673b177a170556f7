/** The therapist's screens, one chunk loaded on demand: visitors and clients never download them. */
export { TherapistAgenda } from './TherapistAgenda';
export { TherapistHours } from './TherapistHours';
export { TherapistProfile } from './TherapistProfile';
export { TherapistStart } from './TherapistStart';
export { TimeOff } from './TimeOff';
