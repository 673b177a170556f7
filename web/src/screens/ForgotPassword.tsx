import { useState, type FormEvent } from 'react';
import { answer, client } from '../api/client';
import { Field } from '../components/Field';
import { ErrorNotice } from '../components/Notices';
import { useAction } from '../hooks';
import { href } from '../router';

/** Asks for a reset link. The answer is the same whether or not an account uses the address. */
export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await answer(client.POST('/api/v1/auth/password-reset', { body: { email } }));
      setSentTo(email);
    });
  };

  return (
    <section className="auth">
      <h1>Forgot your password?</h1>
      {sentTo ? (
        <div className="card" role="status">
          <p>
            If an account uses <strong>{sentTo}</strong>, we have sent it a link to choose a new
            password. The link works once, for one hour.
          </p>
          <p>Nothing in your inbox after a few minutes? Check the spam folder, or ask again.</p>
          <p>
            <a href={href('signin')}>Back to sign in</a>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">Enter the email address you signed up with.</p>
          <form onSubmit={submit} noValidate className="card">
            <ErrorNotice error={action.error} />
            <Field
              label="Email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={action.error?.fieldError('email')}
            />
            <button type="submit" className="primary" disabled={action.busy}>
              {action.busy ? 'Sending…' : 'Send me a link'}
            </button>
          </form>
          <p>
            <a href={href('signin')}>Back to sign in</a>
          </p>
        </>
      )}
    </section>
  );
}
