import { useState, type FormEvent } from 'react';
import { answer, client } from '../../api/client';
import { useAction } from '../../hooks';
import { useSession } from '../../session';
import { Field } from '../Field';
import { ErrorNotice, Status } from '../Notices';

/** The name people see, and the address emails go to, with whether it is confirmed. */
export function AccountDetails() {
  const { user, reload } = useSession();
  const [name, setName] = useState(user.name);
  const [message, setMessage] = useState('');
  const save = useAction();
  const resend = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void save.run(async () => {
      await answer(client.PATCH('/api/v1/me', { body: { name } }));
      reload();
      setMessage('Your name is saved.');
    });
  };
  const sendLink = () => {
    setMessage('');
    void resend.run(async () => {
      await answer(client.POST('/api/v1/auth/verify-email/resend'));
      setMessage(`We sent a new confirmation link to ${user.email}.`);
    });
  };

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>Your details</h2>
      <Field
        label="Your name"
        autoComplete="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={save.error?.fieldError('name')}
      />
      <p>
        Email: <strong>{user.email}</strong>{' '}
        {user.emailVerified ? '(confirmed)' : '(not confirmed yet)'}
      </p>
      {!user.emailVerified && (
        <p>
          Please open the link we emailed you, so we know we can reach you about your sessions.{' '}
          <button type="button" className="link-button" onClick={sendLink} disabled={resend.busy}>
            Send the link again
          </button>
        </p>
      )}
      <ErrorNotice error={save.error ?? resend.error} />
      <Status message={message} />
      <button type="submit" className="primary" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save my name'}
      </button>
    </form>
  );
}
