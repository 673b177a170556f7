import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { Field } from '../components/Field';
import { ErrorNotice } from '../components/Notices';
import { useAction } from '../hooks';
import { href } from '../router';

export function SignIn({ onSignedIn }: { onSignedIn: (auth: Schemas['AuthResponse']) => void }) {
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
      <p className="lead">Massage for upper-back pain, matched to your answers — safely.</p>
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
        New to Unknot? <a href={href('signup')}>Create an account</a>
      </p>
    </section>
  );
}
