import type { ReactNode, RefObject } from 'react';
import type { ApiError } from '../api/client';
import { formatDateTime, formatMoney, formatTime } from '../format';
import { TextArea } from './Field';
import { ErrorNotice } from './Notices';

/** The chosen time read back, a note for the therapist, and the button that books (or moves) it. */
export function BookingBar({
  selected,
  offering,
  error,
  errorHelp,
  busy,
  move,
  notes,
  onNotes,
  onClear,
  onBook,
  bookButton,
}: {
  selected: string | undefined;
  offering: { name: string; durationMinutes: number; priceCents: number };
  error: ApiError | null;
  /** A way on, under the refusal. */
  errorHelp?: ReactNode;
  busy: boolean;
  move: boolean;
  notes: string;
  onNotes: (notes: string) => void;
  onClear: () => void;
  onBook: () => void;
  bookButton: RefObject<HTMLButtonElement | null>;
}) {
  if (!selected && !error) return null;
  const ends = new Date(Date.parse(selected ?? '') + offering.durationMinutes * 60_000);
  return (
    <div className="booking-bar card">
      <ErrorNotice error={error}>{errorHelp}</ErrorNotice>
      {selected && (
        <>
          <p className="booking-choice" id="booking-choice">
            <strong>
              {formatDateTime(selected)} – {formatTime(ends.toISOString())}
            </strong>{' '}
            · {offering.name} · {formatMoney(offering.priceCents)}
          </p>
          {!move && (
            <details className="note" open={Boolean(error?.fieldError('notes'))}>
              <summary>Add a note for your therapist</summary>
              <TextArea
                label="Anything your therapist should know? (optional)"
                rows={2}
                maxLength={500}
                value={notes}
                onChange={(e) => onNotes(e.target.value)}
                error={error?.fieldError('notes')}
              />
            </details>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={onClear}>
              Choose another time
            </button>
            <button
              ref={bookButton}
              type="button"
              className="primary"
              aria-describedby="booking-choice"
              onClick={onBook}
              disabled={busy}
            >
              {busy
                ? move
                  ? 'Moving…'
                  : 'Booking…'
                : move
                  ? 'Move to this time'
                  : 'Book this time'}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
