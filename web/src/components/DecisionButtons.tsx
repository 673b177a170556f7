/** The reject / accept pair of an admin review card (flags, certifications). */
export function DecisionButtons({
  busy,
  acceptLabel,
  onReject,
  onAccept,
}: {
  busy: boolean;
  acceptLabel: string;
  onReject: () => void;
  onAccept: () => void;
}) {
  return (
    <div className="actions">
      <button type="button" className="danger" onClick={onReject} disabled={busy}>
        Reject
      </button>
      <button type="button" className="primary" onClick={onAccept} disabled={busy}>
        {acceptLabel}
      </button>
    </div>
  );
}
