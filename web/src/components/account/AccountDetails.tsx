import { useState, type FormEvent } from 'react';
import { answer, client } from '../../api/client';
import { checkFields, hasLength, isE164, toE164 } from '../../checks';
import { useAction } from '../../hooks';
import { useSession } from '../../session';
import { Field } from '../Field';
import { ErrorNotice, Status } from '../Notices';

/** The name people see, and the address emails go to, with whether it is confirmed. */
export function AccountDetails() {
  const { user, reload } = useSession();
  const [name, setName] = useState(user.name);
  const [phone, setPhone] = useState(user.phone ?? '');
  const [message, setMessage] = useState('');
  const save = useAction();
  const resend = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void save.run(async () => {
      const digits = toE164(phone);
      checkFields({ name: hasLength(name, 1, 100), phone: digits === '' || isE164(digits) });
      await answer(client.PATCH('/api/v1/me', { body: { name, phone: digits || null } }));
      reload();
      setMessage(digits === (user.phone ?? '') ? 'Your name is saved.' : 'Your details are saved.');
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
      <Field
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        hint="With the country code, like +1 212 555 0100. Only the therapists of your booked sessions see it, to reach you if plans change."
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        error={save.error?.fieldError('phone')}
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
        {save.busy ? 'Saving…' : 'Save my details'}
      </button>
    </form>
  );
}
