import { useState, type FormEvent } from 'react';
import { answer, client } from '../../api/client';
import { useAction } from '../../hooks';
import { Field } from '../Field';
import { NewPasswordFields } from '../NewPasswordFields';
import { ErrorNotice, Status } from '../Notices';

/** A new password, with the current one to prove it is you; other devices are signed out. */
export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [message, setMessage] = useState('');
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void action.run(async () => {
      await answer(
        client.POST('/api/v1/auth/password', {
          body: { currentPassword: current, newPassword: password },
        }),
      );
      setCurrent('');
      setPassword('');
      setRepeat('');
      setMessage('Your password is changed. Your other devices have been signed out.');
    });
  };

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>Password</h2>
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        error={
          action.error?.code === 'PASSWORD_INCORRECT'
            ? 'This is not your current password.'
            : action.error?.fieldError('currentPassword')
        }
      />
      <NewPasswordFields
        password={password}
        repeat={repeat}
        onPassword={setPassword}
        onRepeat={setRepeat}
        mismatch={mismatch}
        error={action.error}
        field="newPassword"
      />
      <ErrorNotice error={action.error} />
      <Status message={message} />
      <button type="submit" className="primary" disabled={action.busy}>
        {action.busy ? 'Changing…' : 'Change my password'}
      </button>
    </form>
  );
}
