import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { Field } from '../components/Field';
import { ErrorNotice } from '../components/Notices';
import { useAction } from '../hooks';
import { href } from '../router';

export function SignIn({
  onSignedIn,
  expired = false,
}: {
  onSignedIn: (auth: Schemas['AuthResponse']) => void;
  /** The session ended while in use: say so; signing in returns to the same screen. */
  expired?: boolean;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () =>
      onSignedIn(await answer(client.POST('/api/v1/auth/login', { body: { email, password } }))),
    );
  };

  return (
    <section className="auth">
      <h1>Sign in</h1>
      {expired ? (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">Your session has ended</p>
          <p>For your safety we signed you out. Sign in again to pick up where you were.</p>
        </div>
      ) : (
        <p className="lead">Massage for upper-back pain, matched to your answers — safely.</p>
      )}
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
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={action.error?.fieldError('password')}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <a href={href('forgot-password')}>Forgot your password?</a>
      </p>
      <p>
        New to Unknot? <a href={href('signup')}>Create an account</a>
      </p>
    </section>
  );
}
