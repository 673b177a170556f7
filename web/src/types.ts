/** The shapes of the API's answers that the web app reads (see shared/API.md and /docs). */

export type Role = 'client' | 'therapist' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Technique {
  slug: string;
  name: string;
  description: string;
  intensity: string;
  goodFor: string[];
  cautions: string[];
}

export interface Offering {
  id: string;
  technique: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  bufferMinutes: number;
}

export interface IntakeAnswers {
  painAreas: string[];
  sensations: string[];
  onset: 'acute' | 'chronic';
  causes: string[];
  knots: boolean;
  stressLevel: number;
  redFlags: { chestPain: boolean; radiatingPain: boolean; fever: boolean };
  pregnancy: { pregnant: boolean; weeks?: number; postpartumWeeks?: number };
  clotScreening?: Record<ClotQuestion, boolean>;
  preferences?: { pressure?: 'light' | 'medium' | 'firm'; likesScents?: boolean };
}

export type ClotQuestion =
  | 'historyOfClots'
  | 'legSwellingOrPain'
  | 'clottingDisorder'
  | 'anticoagulants'
  | 'recentSurgeryOrBedRest';

/** What a stored intake holds: a check-in stopped at a red flag has only the red-flag answers. */
export type FiledAnswers = Partial<IntakeAnswers> & Pick<IntakeAnswers, 'redFlags'>;

export interface Flag {
  id: string;
  code: 'RED_FLAG_SEE_DOCTOR' | 'RED_FLAG_RETRACTED' | 'CLOT_RISK';
  severity: string;
  message: string;
  status: 'open' | 'approved' | 'rejected';
  resolutionNote?: string | null;
}

export interface Intake {
  id: string;
  status: 'clear' | 'needs-review' | 'blocked';
  suggestions: { technique: string; score: number; reasons: string[] }[];
  flags: Flag[];
  expiresAt: string;
  createdAt: string;
  answers: FiledAnswers;
}

/** An upcoming booking that a new intake cancelled or put on hold for a clot review. */
export interface AffectedBooking {
  id: string;
  status: 'confirmed' | 'cancelled';
  cancellationCode: CancellationCode | null;
  screening: Booking['screening'];
  startsAt: string;
  technique: string;
}

/** The answer to `POST /intakes`. */
export interface FiledIntake extends Intake {
  affectedBookings: AffectedBooking[];
}

export interface FlagWithIntake extends Flag {
  intake: Intake;
  client: { id: string; name: string; email: string };
  createdAt: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface Match {
  therapist: { id: string; name: string; yearsExperience: number; timezone: string };
  technique: string;
  score: number;
  reasons: string[];
  nextSlots: (Slot & { offeringId: string })[];
}

export interface PublicTherapist {
  id: string;
  name: string;
  bio: string;
  yearsExperience: number;
  timezone: string;
  techniques: string[];
}

/** Why the system cancelled a booking: the rule it no longer passes. */
export type CancellationCode =
  | 'INTAKE_BLOCKED'
  | 'TECHNIQUE_CONTRAINDICATED'
  | 'PRENATAL_SCREENING_REQUIRED'
  | 'THERAPIST_NOT_QUALIFIED'
  | 'CLOT_REVIEW_PENDING';

export interface Booking {
  id: string;
  status: 'confirmed' | 'cancelled' | 'completed' | 'no-show';
  therapistId: string;
  offeringId: string;
  technique: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  priceCents: number;
  lateCancellation: boolean;
  cancelledBy: 'client' | 'therapist' | 'admin' | 'system' | null;
  cancellationCode: CancellationCode | null;
  /** `pending-review`: kept while a clinician reviews the client's blood-clot answers. */
  screening: 'clear' | 'pending-review';
  /** When a booking pending review is cancelled unless the answers are approved. */
  screeningDeadline: string | null;
}

export interface Certification {
  id: string;
  therapistId: string;
  kind: string;
  issuer: string;
  number: string;
  expiresOn: string;
  status: 'pending' | 'verified' | 'rejected' | 'revoked';
  verified: boolean;
  expired: boolean;
  decisionNote: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
}

/** A certification in the admin's review queue. */
export interface AdminCertification extends Certification {
  therapistName: string;
  therapistEmail: string;
}

export interface TherapistProfile {
  id: string;
  name: string;
  bio: string;
  yearsExperience: number;
  timezone: string;
  techniques: string[];
  bookable: boolean;
  certifications: Certification[];
}

export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface BookingConflict {
  id: string;
  startsAt: string;
  endsAt: string;
  clientName: string;
}

export interface Availability {
  timezone: string;
  weekly: WeeklyWindow[];
  bookingsOutsideHours?: BookingConflict[];
}

export interface TimeOff {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
  conflictingBookings?: BookingConflict[];
}

export interface AgendaItem {
  id: string;
  status: Booking['status'];
  startsAt: string;
  endsAt: string;
  technique: string;
  offeringName: string;
  notes: string | null;
  client: { name: string };
  intake: {
    pregnant: boolean;
    pregnancyWeeks: number | null;
    clotRiskReviewed: boolean;
    pressure: string | null;
    likesScents: boolean | null;
    painAreas: string[];
  } | null;
}

export interface AuditEntry {
  id: string;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  createdAt: string;
}
