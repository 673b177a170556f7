import { formatDay, formatShortDay, formatWeekday } from '../format';
import type { FreeDay } from '../slots';

/** The days with free times, each with how many: choosing one shows its times below. */
export function DayStrip<S extends { startsAt: string }>({
  days,
  chosen,
  onChoose,
}: {
  days: FreeDay<S>[];
  chosen: string | undefined;
  onChoose: (key: string) => void;
}) {
  return (
    <div className="day-strip" role="group" aria-label="Days with free times">
      {days.map((day) => (
        <button
          key={day.key}
          type="button"
          aria-pressed={day.key === chosen}
          title={formatDay(day.date)}
          onClick={() => onChoose(day.key)}
        >
          {/* The visible words are the name (WCAG 2.5.3), so "Tue Nov 24" works by voice. */}
          <span>{formatWeekday(day.date)}</span> <strong>{formatShortDay(day.date)}</strong>{' '}
          <span>{day.slots.length} free</span>
        </button>
      ))}
    </div>
  );
}
