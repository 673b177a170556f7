// Slots with rooms (issue 16): the slots therapist's location gets rooms that the bookings of
// its time-zone neighbours occupy, and its /slots is measured with and without them, in turns.

const ROOMS = 4;
const NEIGHBOURS = 10;

/**
 * A location with ROOMS rooms whose calendars hold the live bookings of the slots therapist and
 * of up to NEIGHBOURS - 1 therapists of its time zone, each booking in the first room free for it
 * (bookings that find none stay roomless: the therapists keep no home here, so the booking runs
 * are unchanged). Answers `place(on)`, which makes the location the slots therapist's home, or
 * none: the same therapist, the same bookings, rooms or not.
 */
export async function roomsForSlots(db, { slotsTherapist, therapists }) {
  const neighbours = [
    slotsTherapist,
    ...therapists
      .filter((t) => t.zone === slotsTherapist.zone && t.id !== slotsTherapist.id)
      .slice(0, NEIGHBOURS - 1),
  ];
  const {
    rows: [location],
  } = await db.query(
    `INSERT INTO locations (name, address, timezone) VALUES ('Bench rooms', '1 Bench Street', $1) RETURNING id`,
    [slotsTherapist.zone],
  );
  const { rows: rooms } = await db.query(
    `INSERT INTO rooms (location_id, name, features)
     SELECT $1, 'Room ' || n, CASE WHEN n = 1 THEN ARRAY['table', 'prenatal-table'] ELSE ARRAY['table'] END
       FROM generate_series(1, $2) AS n RETURNING id`,
    [location.id, ROOMS],
  );
  const { rows: bookings } = await db.query(
    `SELECT id, starts_at, occupied_until FROM bookings
      WHERE therapist_id = ANY($1::uuid[]) AND status NOT IN ('cancelled', 'rescheduled')
        AND occupied_until > now() ORDER BY starts_at, id`,
    [neighbours.map((t) => t.id)],
  );
  const freeFrom = rooms.map(() => 0);
  let placed = 0;
  for (const booking of bookings) {
    const start = booking.starts_at.getTime();
    const index = freeFrom.findIndex((free) => free <= start);
    if (index < 0) continue;
    freeFrom[index] = booking.occupied_until.getTime();
    await db.query(`UPDATE bookings SET location_id = $1, room_id = $2 WHERE id = $3`, [
      location.id,
      rooms[index].id,
      booking.id,
    ]);
    placed++;
  }
  const place = (on) =>
    db.query(`UPDATE therapists SET location_id = $1 WHERE id = $2`, [
      on ? location.id : null,
      slotsTherapist.id,
    ]);
  return { locationId: location.id, rooms: ROOMS, therapists: neighbours.length, placed, place };
}

/** A workload run with the rooms in place, taken away after each turn. */
export function withRooms(workload, place) {
  return {
    warmUp: async () => {
      await place(true);
      await workload.warmUp();
      await place(false);
    },
    measure: async (duration) => {
      await place(true);
      try {
        return await workload.measure(duration);
      } finally {
        await place(false);
      }
    },
    finish: workload.finish,
  };
}
