import type { Schemas } from './api/client';
import { humanize } from './format';

type Entry = Schemas['AuditEntryResponse'];

/** What an admin did, in words (the log stores `certification.verify`, `intake.read`…). */
const ACTIONS: Record<string, string> = {
  'intake.read': 'Read a client’s check-in',
  'intake-flag.approve': 'Approved a check-in for booking',
  'intake-flag.reject': 'Did not approve a check-in',
  'certification.verify': 'Verified a certification',
  'certification.reject': 'Turned down a certification',
  'certification.revoke': 'Withdrew a certification',
  'account.erase': 'Deleted their own account',
};

const FLAGS: Record<string, string> = {
  CLOT_RISK: 'blood-clot answers',
  RED_FLAG_RETRACTED: 'a doctor’s clearance after chest pain, spreading pain or fever',
  RED_FLAG_SEE_DOCTOR: 'chest pain, spreading pain or fever',
};

export const actionWords = (action: string) =>
  ACTIONS[action] ?? humanize(action.replace(/[._]/g, ' ').toLowerCase());

const kindWords = (kind: unknown) =>
  kind === 'massage-license' ? 'Massage licence' : `${humanize(String(kind))} certification`;

/** What the entry was about: a therapist's certification by name, a client's check-in. */
export function subjectWords(entry: Entry, therapists: Map<string, string>): string {
  const { details } = entry;
  if (entry.subjectType === 'certification') {
    const who = therapists.get(String(details.therapistId)) ?? 'a therapist';
    return `${kindWords(details.kind)} of ${who}`;
  }
  if (entry.subjectType === 'intake') {
    return details.via === 'flag-queue'
      ? 'A client’s check-in, in the review queue'
      : 'A client’s check-in';
  }
  if (entry.subjectType === 'user') return 'Their account';
  return humanize(entry.subjectType);
}

/** The entry's particulars worth reading: notes, reasons, what was reviewed; never an id. */
export function detailWords(entry: Entry): string {
  const { details } = entry;
  const parts: string[] = [];
  if (typeof details.code === 'string') {
    parts.push(`About ${FLAGS[details.code] ?? 'an answer that needed review'}`);
  }
  if (typeof details.reason === 'string' && details.reason) parts.push(`Reason: ${details.reason}`);
  if (typeof details.note === 'string' && details.note) parts.push(`Note: ${details.note}`);
  if (typeof details.cancelledBookings === 'number' && details.cancelledBookings > 0) {
    const n = details.cancelledBookings;
    parts.push(`${n} upcoming ${n === 1 ? 'session' : 'sessions'} cancelled`);
  }
  return parts.join(' · ');
}
