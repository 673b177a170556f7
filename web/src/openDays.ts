import { answer, client, type Schemas } from './api/client';
import { dayKey } from './format';
import type { PublicTherapist } from './spa';

/** A day with free time: its first free start and the end of its last free session. */
export interface OpenDay {
  day: string;
  opens: string;
  closes: string;
}

/** The shortest session on the menu that this therapist gives: it fits the most gaps. */
function probeOffering(therapist: PublicTherapist, offerings: Schemas['OfferingResponse'][]) {
  return offerings
    .filter((offering) => therapist.techniques.includes(offering.technique))
    .sort((a, b) => a.durationMinutes - b.durationMinutes)[0];
}

/**
 * The therapist's days with free time over the next `days` days (at most 31, the API's window),
 * grouped in the viewer's time zone; empty when the menu has nothing they give.
 */
export async function loadOpenDays(
  therapist: PublicTherapist,
  offerings: Schemas['OfferingResponse'][],
  days: number,
): Promise<OpenDay[]> {
  const offering = probeOffering(therapist, offerings);
  if (!offering) return [];
  const from = new Date();
  const to = new Date(from.getTime() + days * 86_400_000);
  const { slots } = await answer(
    client.GET('/api/v1/therapists/{id}/slots', {
      params: {
        path: { id: therapist.id },
        query: { offeringId: offering.id, from: from.toISOString(), to: to.toISOString() },
      },
    }),
  );
  const byDay = new Map<string, OpenDay>();
  for (const slot of slots) {
    const key = dayKey(new Date(slot.startsAt));
    const open = byDay.get(key);
    if (!open) byDay.set(key, { day: key, opens: slot.startsAt, closes: slot.endsAt });
    else if (slot.endsAt > open.closes) open.closes = slot.endsAt;
  }
  return [...byDay.values()];
}
