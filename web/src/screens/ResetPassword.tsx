import { useState, type FormEvent } from 'react';
import { answer, client } from '../api/client';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { ErrorNotice } from '../components/Notices';
import { useAction } from '../hooks';
import { href } from '../router';

/** The reset link's landing: choose a new password; every device is then signed out. */
export function ResetPassword({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void action.run(async () => {
      await answer(
        client.POST('/api/v1/auth/password-reset/confirm', {
          body: { token, newPassword: password },
        }),
      );
      setDone(true);
    });
  };

  if (done) {
    return (
      <section className="auth">
        <h1>Your password is changed</h1>
        <div className="card" role="status">
          <p>For your safety, every device that was signed in has been signed out.</p>
          <p>
            <a href={href('signin')}>Sign in with your new password</a>
          </p>
        </div>
      </section>
    );
  }
  return (
    <section className="auth">
      <h1>Choose a new password</h1>
      <form onSubmit={submit} noValidate className="card">
        <ErrorNotice error={action.error}>
          {action.error?.code === 'RESET_TOKEN_INVALID' && (
            <p>
              <a href={href('forgot-password')}>Ask for a new link</a>
            </p>
          )}
        </ErrorNotice>
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          mismatch={mismatch}
          error={action.error}
          field="newPassword"
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save my new password'}
        </button>
      </form>
    </section>
  );
}
