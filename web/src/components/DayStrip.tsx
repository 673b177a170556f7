import type { KeyboardEvent } from 'react';
import { formatDay, formatShortDay, formatWeekday } from '../format';
import type { FreeDay } from '../slots';

/**
 * The days with free times, each with how many: choosing one shows its times below. One Tab stop
 * (the chosen day); the arrow keys, Home and End move along the strip, so the times are a Tab away.
 */
export function DayStrip<S extends { startsAt: string }>({
  days,
  chosen,
  onChoose,
}: {
  days: FreeDay<S>[];
  chosen: string | undefined;
  onChoose: (key: string) => void;
}) {
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    }[event.key];
    if (to === undefined || at < 0) return;
    event.preventDefault();
    buttons[Math.min(Math.max(to, 0), buttons.length - 1)].focus();
  };
  return (
    <div className="day-strip" role="group" aria-label="Days with free times" onKeyDown={move}>
      {days.map((day) => (
        <button
          key={day.key}
          type="button"
          tabIndex={day.key === chosen ? 0 : -1}
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
