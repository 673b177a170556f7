import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { RadioGroup } from '../components/Choices';
import { Field } from '../components/Field';
import { PASSWORD_HINT } from '../components/NewPasswordFields';
import { ErrorNotice } from '../components/Notices';
import { localTimeZone } from '../format';
import { checkFields, hasLength, isEmail } from '../checks';
import { useAction } from '../hooks';
import { href } from '../router';

const ROLES = {
  client: 'I’m looking for a massage',
  therapist: 'I’m a massage therapist',
};

/**
 * A new client's emails show session times in this browser's zone too. The account exists by
 * now: a refusal here must not stand in the way, and Settings can set the zone later.
 */
const saveBrowserTimeZone = (accessToken: string) =>
  answer(
    client.PUT('/api/v1/me/notifications', {
      headers: { authorization: `Bearer ${accessToken}` },
      body: { reminders: true, timezone: localTimeZone() },
    }),
  ).catch(() => undefined);

export function SignUp({ onSignedIn }: { onSignedIn: (auth: Schemas['AuthResponse']) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<keyof typeof ROLES>('client');
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      checkFields({
        name: hasLength(name, 1, 100),
        email: isEmail(email),
        password: hasLength(password, 10, 128),
      });
      const auth = await answer(
        client.POST('/api/v1/auth/register', { body: { name, email, password, role } }),
      );
      if (auth.user.role === 'client') await saveBrowserTimeZone(auth.accessToken);
      onSignedIn(auth);
    });
  };

  return (
    <section className="auth">
      <h1>Create your account</h1>
      <p className="lead">
        It takes a minute. Your health answers are only seen by you and our clinicians.
      </p>
      <form onSubmit={submit} noValidate className="card">
        <ErrorNotice error={action.error} />
        <Field
          label="Your name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={action.error?.fieldError('name')}
        />
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
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={action.error?.fieldError('password')}
        />
        <RadioGroup legend="Which describes you?" options={ROLES} value={role} onChange={setRole} />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <a href={href('signin')}>Sign in</a>
      </p>
    </section>
  );
}
