import { useState } from 'react';
import { formatDay, formatTime } from '../format';
import { byPeriod, spread, type FreeDay } from '../slots';

/**
 * One day's free times as morning, afternoon and evening, half an hour apart at first (a phone
 * screen's worth); every quarter hour on request.
 */
export function TimePicker<S extends { startsAt: string }>({
  day,
  selected,
  onChoose,
}: {
  day: FreeDay<S>;
  selected: string | undefined;
  onChoose: (startsAt: string) => void;
}) {
  const [everyTime, setEveryTime] = useState(false);
  const shown = everyTime ? day.slots : spread(day.slots, 30, selected);
  return (
    <section className="times" aria-labelledby="times-title">
      <h2 id="times-title">{formatDay(day.date)}</h2>
      {byPeriod(shown).map((period) => (
        <div key={period.name} className="period">
          <h3>{period.name}</h3>
          <ul className="slot-list">
            {period.slots.map((slot) => (
              <li key={slot.startsAt}>
                <button
                  type="button"
                  className="slot"
                  aria-pressed={selected === slot.startsAt}
                  onClick={() => onChoose(slot.startsAt)}
                >
                  {formatTime(slot.startsAt)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {shown.length < day.slots.length && (
        <button type="button" className="link-button" onClick={() => setEveryTime(true)}>
          Show all {day.slots.length} times
        </button>
      )}
    </section>
  );
}
