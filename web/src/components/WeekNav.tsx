import { formatShortDay, startOfDay } from '../format';

/** The first day of week `week`, counted from today (week 0 starts today at midnight). */
export const weekStart = (week: number) => startOfDay(new Date(), week * 7);

/** Previous / next week buttons around the week's dates. */
export function WeekNav({
  week,
  onWeek,
  earliest,
}: {
  week: number;
  onWeek: (week: number) => void;
  earliest?: number;
}) {
  const from = weekStart(week);
  const last = startOfDay(from, 6);
  return (
    <div className="week-nav">
      <button
        type="button"
        className="secondary"
        onClick={() => onWeek(week - 1)}
        disabled={earliest !== undefined && week <= earliest}
        aria-label="Previous week"
      >
        ← Previous
      </button>
      <p aria-live="polite">
        {formatShortDay(from)} – {formatShortDay(last)}
      </p>
      <button
        type="button"
        className="secondary"
        onClick={() => onWeek(week + 1)}
        aria-label="Next week"
      >
        Next →
      </button>
    </div>
  );
}
