import { useId, useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { Select } from '../components/Field';
import { ErrorNotice, Loading, Status } from '../components/Notices';
import { localTimeZone } from '../format';
import { AccountDetails } from '../components/account/AccountDetails';
import { ChangePassword } from '../components/account/ChangePassword';
import { YourData } from '../components/account/YourData';
import { useAction, useResource } from '../hooks';
import { useSession } from '../session';

type Preferences = Schemas['NotificationPreferencesResponse'];

/** Every zone this browser knows, with the chosen one first when the list spells it otherwise. */
function zoneOptions(chosen: string): [string, string][] {
  const zones = Intl.supportedValuesOf('timeZone');
  return (zones.includes(chosen) ? zones : [chosen, ...zones]).map((zone) => [
    zone,
    zone.replace(/_/g, ' '),
  ]);
}

/**
 * The account's settings: name and address, password, (for clients) how we email about
 * sessions, and the account's data — download it, or erase the account.
 */
export function Settings() {
  const { user } = useSession();
  return (
    <section>
      <h1>{user.role === 'client' ? 'Settings' : 'Your account'}</h1>
      <AccountDetails />
      <ChangePassword />
      {user.role === 'client' && <EmailSettings />}
      <YourData />
    </section>
  );
}

/** How Unknot emails a client: reminders, and the time zone their session emails show. */
function EmailSettings() {
  const preferences = useResource(() => answer(client.GET('/api/v1/me/notifications')), []);
  return (
    <>
      {preferences.loading && !preferences.data && <Loading what="your email settings" />}
      <ErrorNotice error={preferences.error} />
      {preferences.data && <SettingsForm preferences={preferences.data} />}
    </>
  );
}

function SettingsForm({ preferences }: { preferences: Preferences }) {
  const [reminders, setReminders] = useState(preferences.reminders);
  const [timezone, setTimezone] = useState(preferences.timezone ?? localTimeZone());
  const [message, setMessage] = useState('');
  const action = useAction();
  const reminderHint = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void action.run(async () => {
      await answer(client.PUT('/api/v1/me/notifications', { body: { reminders, timezone } }));
      setMessage('Settings saved.');
    });
  };

  return (
    <form className="card" onSubmit={save} noValidate>
      <h2>Emails about your sessions</h2>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={reminders}
            aria-describedby={reminderHint}
            onChange={(event) => setReminders(event.target.checked)}
          />
          <span>Remind me before each session</span>
        </label>
        <span className="hint" id={reminderHint}>
          An email ahead of each session you have booked.
        </span>
      </div>
      <Select
        label="Time zone"
        hint="Emails show session times in this time zone, as well as the spa’s."
        value={timezone}
        onChange={(event) => setTimezone(event.target.value)}
        options={zoneOptions(timezone)}
        error={action.error?.fieldError('timezone')}
      />
      <ErrorNotice error={action.error} />
      <Status message={message} />
      <button type="submit" className="primary" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
