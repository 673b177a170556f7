import { useState } from 'react';
import { answer, client } from '../../api/client';
import { useAction } from '../../hooks';
import { useSession } from '../../session';
import { ConfirmButton } from '../ConfirmButton';
import { Field } from '../Field';
import { ErrorNotice } from '../Notices';

/** Saves `data` as a JSON file the browser downloads. */
function download(data: unknown, filename: string): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** Everything we hold about you, to download; and the way to erase your account. */
export function YourData() {
  const { signedOut } = useSession();
  const [password, setPassword] = useState('');
  const exporting = useAction();
  const erasing = useAction();

  const exportData = () =>
    void exporting.run(async () => {
      const data = await answer(client.GET('/api/v1/me/export'));
      download(data, `unknot-export-${data.exportedAt.slice(0, 10)}.json`);
    });
  const erase = () =>
    void erasing.run(async () => {
      await answer(client.DELETE('/api/v1/me', { body: { password } }));
      signedOut();
    });

  return (
    <>
      <div className="card">
        <h2>Your data</h2>
        <p>
          Download a copy of everything we hold about you: your account, check-ins and bookings.
        </p>
        <ErrorNotice error={exporting.error} />
        <button type="button" className="secondary" onClick={exportData} disabled={exporting.busy}>
          {exporting.busy ? 'Preparing…' : 'Download my data'}
        </button>
      </div>
      <div className="card">
        <h2>Delete your account</h2>
        <p>
          Your upcoming sessions are cancelled and your therapists told. Your check-ins are deleted.
          Past sessions stay in the spa’s records without your name or email. This cannot be undone.
        </p>
        <ErrorNotice error={erasing.error} />
        <ConfirmButton
          label="Delete my account"
          question="Delete your account for good?"
          confirmLabel="Yes, delete my account"
          busy={erasing.busy}
          onConfirm={erase}
        >
          <Field
            label="Your password, to confirm"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={
              erasing.error?.code === 'PASSWORD_INCORRECT'
                ? 'This is not your password.'
                : erasing.error?.fieldError('password')
            }
          />
        </ConfirmButton>
      </div>
    </>
  );
}
