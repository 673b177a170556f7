import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { Field } from '../components/Field';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { ErrorNotice } from '../components/Notices';
import { useAction } from '../hooks';
import { href } from '../router';

/**
 * The first run's landing, from the link the server logs while the spa has no administrator:
 * the person who installed it becomes its first administrator, signed in.
 */
export function Setup({
  token,
  onSignedIn,
}: {
  token: string;
  onSignedIn: (auth: Schemas['AuthResponse']) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void action.run(async () => {
      onSignedIn(
        await answer(client.POST('/api/v1/setup', { body: { token, email, password, name } })),
      );
    });
  };

  return (
    <section className="auth">
      <h1>Set up your spa</h1>
      <p className="lead">
        Welcome. Create the first administrator account: it manages the menu, checks therapists’
        certificates and reviews health answers that need a clinician.
      </p>
      <form onSubmit={submit} noValidate className="card">
        <ErrorNotice error={action.error}>
          {action.error?.code === 'SETUP_LINK_INVALID' && (
            <p>
              <a href={href('signin')}>Go to sign in</a>
            </p>
          )}
        </ErrorNotice>
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
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          mismatch={mismatch}
          error={action.error}
          field="password"
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Creating the account…' : 'Create administrator account'}
        </button>
      </form>
    </section>
  );
}
