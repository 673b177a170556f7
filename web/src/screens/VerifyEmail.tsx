import { useEffect, useState } from 'react';
import { answer, asApiError, client, type ApiError } from '../api/client';
import { ErrorNotice, Loading } from '../components/Notices';
import { href } from '../router';

/** The confirmation link's landing: confirms the address as soon as it opens. */
export function VerifyEmail({ token, onVerified }: { token: string; onVerified: () => void }) {
  const [state, setState] = useState<'confirming' | 'confirmed' | ApiError>('confirming');
  useEffect(() => {
    answer(client.POST('/api/v1/auth/verify-email', { body: { token } })).then(
      () => {
        setState('confirmed');
        onVerified();
      },
      (error: unknown) => setState(asApiError(error)),
    );
  }, [token, onVerified]);

  return (
    <section className="auth">
      <h1>Confirm your email address</h1>
      {state === 'confirming' && <Loading what="your confirmation" />}
      {state === 'confirmed' && (
        <div className="card" role="status">
          <p>Thank you: your email address is confirmed.</p>
          <p>
            <a href={href('')}>Continue to Unknot</a>
          </p>
        </div>
      )}
      {typeof state === 'object' && (
        <ErrorNotice error={state}>
          <p>
            Signed in? Your <a href={href('settings')}>account settings</a> can send a new link.
          </p>
        </ErrorNotice>
      )}
    </section>
  );
}
