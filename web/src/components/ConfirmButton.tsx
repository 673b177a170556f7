import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A button that asks "are you sure?" in place before an action that cannot be undone. `children`
 * (a reason to give, say) are asked for in the same place. Opening and closing it move the focus,
 * so keyboard and screen-reader users are not left on a button that has gone.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busy,
  onConfirm,
  children,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) group.current?.querySelector<HTMLElement>('textarea, input, button')?.focus();
    else if (asked.current) opener.current?.focus();
    asked.current ||= asking;
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="secondary" ref={opener} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question} ref={group}>
      <p>{question}</p>
      {children}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          No, go back
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </div>
  );
}
