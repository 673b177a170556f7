import { useEffect, useState } from 'react';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The time left until `until`, ticking each second ("4:59"), and "0:00" once it has passed.
 * Announced politely only when a minute turns, so a screen reader is not read every second.
 */
export function Countdown({ until, onEnd }: { until: string; onEnd?: () => void }) {
  const [now, setNow] = useState(Date.now());
  const left = Math.max(0, Date.parse(until) - now);
  useEffect(() => {
    if (left === 0) {
      onEnd?.();
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [left, onEnd]);
  const minutes = Math.floor(left / 60_000);
  const seconds = Math.floor((left % 60_000) / 1000);
  return (
    <>
      <span className="countdown" aria-hidden="true">
        {minutes}:{two(seconds)}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {minutes === 1 ? '1 minute left' : `${minutes} minutes left`}
      </span>
    </>
  );
}
