import { AccountToken } from '../modules/auth/account-token.entity.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { Booking } from '../modules/bookings/booking.entity.js';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity.js';
import { IntakeFlag } from '../modules/intake/intake-flag.entity.js';
import { Intake } from '../modules/intake/intake.entity.js';
import { LoginFailure } from '../modules/auth/login-failure.entity.js';
import { NotificationPreference } from '../modules/notifications/notification-preference.entity.js';
import { OutboxMessage } from '../modules/notifications/outbox-message.entity.js';
import { RefreshToken } from '../modules/sessions/refresh-token.entity.js';
import { Session } from '../modules/sessions/session.entity.js';
import { WaitlistEntry } from '../modules/waitlist/waitlist-entry.entity.js';
import { WaitlistOffer } from '../modules/waitlist/waitlist-offer.entity.js';
import { BookingUnit } from '../modules/locations/booking-unit.entity.js';
import { EquipmentUnit } from '../modules/locations/equipment-unit.entity.js';
import { Location } from '../modules/locations/location.entity.js';
import { Room } from '../modules/locations/room.entity.js';
import { Offering } from '../modules/offerings/offering.entity.js';
import { AvailabilityWindow } from '../modules/schedules/availability-window.entity.js';
import { TimeOff } from '../modules/schedules/time-off.entity.js';
import { Technique } from '../modules/techniques/technique.entity.js';
import { Certification } from '../modules/therapists/certification.entity.js';
import { TherapistTechnique } from '../modules/therapists/therapist-technique.entity.js';
import { TherapistPhoto } from '../modules/therapists/therapist-photo.entity.js';
import { Therapist } from '../modules/therapists/therapist.entity.js';
import { User } from '../modules/users/user.entity.js';

/** Every entity, for the data source shared by the app, the CLI and the tests. */
export const ENTITIES = [
  User,
  LoginFailure,
  Technique,
  Offering,
  Therapist,
  TherapistTechnique,
  Certification,
  TherapistPhoto,
  AvailabilityWindow,
  TimeOff,
  AuditEntry,
  Booking,
  IdempotencyKey,
  Intake,
  IntakeFlag,
  OutboxMessage,
  NotificationPreference,
  Session,
  RefreshToken,
  AccountToken,
  WaitlistEntry,
  WaitlistOffer,
  Location,
  Room,
  EquipmentUnit,
  BookingUnit,
];
