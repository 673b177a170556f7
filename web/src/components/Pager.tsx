import { useState } from 'react';

/** Cursor paging (`?cursor=` / `nextCursor`) one page at a time, remembering the way back. */
export function usePager() {
  const [cursor, setCursor] = useState<string | undefined>();
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  return {
    cursor,
    forward: (next: string) => {
      setPrevious([...previous, cursor]);
      setCursor(next);
    },
    back:
      previous.length > 0
        ? () => {
            setCursor(previous.at(-1));
            setPrevious(previous.slice(0, -1));
          }
        : undefined,
  };
}

export function Pager({
  pager,
  nextCursor,
  backLabel,
  forwardLabel,
}: {
  pager: ReturnType<typeof usePager>;
  nextCursor: string | null | undefined;
  backLabel: string;
  forwardLabel: string;
}) {
  if (!pager.back && !nextCursor) return null;
  return (
    <div className="actions pager">
      {pager.back && (
        <button type="button" className="secondary" onClick={pager.back}>
          ← {backLabel}
        </button>
      )}
      {nextCursor && (
        <button type="button" className="secondary" onClick={() => pager.forward(nextCursor)}>
          {forwardLabel} →
        </button>
      )}
    </div>
  );
}
