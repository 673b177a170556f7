import { useState, type FormEvent } from 'react';
import { answer, asApiError, client, type Schemas } from '../api/client';
import { CheckboxGroup } from '../components/Choices';
import { Field, Select, TextArea } from '../components/Field';
import { PhotoUpload } from '../components/PhotoUpload';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { resolveTimeZone, TimeZoneField } from '../components/TimeZoneField';
import { humanize, localTimeZone } from '../format';
import { checkFields, hasLength, isTodayOrLater, isWholeNumber } from '../checks';
import { useAction, useResource } from '../hooks';

const ZONE_NAMES = Intl.supportedValuesOf('timeZone');
import { href } from '../router';

type Profile = Schemas['TherapistProfileResponse'];
type Technique = Schemas['TechniqueResponse'];
type Certification = Schemas['CertificationResponse'];

/** The therapist's own profile, or null before it is first saved (409 PROFILE_REQUIRED). */
async function loadOwnProfile(): Promise<Profile | null> {
  try {
    return await answer(client.GET('/api/v1/therapists/me'));
  } catch (error) {
    if (asApiError(error).code === 'PROFILE_REQUIRED') return null;
    throw error;
  }
}

export function TherapistProfile() {
  const profile = useResource(loadOwnProfile, []);
  const techniques = useResource(() => answer(client.GET('/api/v1/techniques')), []);
  const locations = useResource(() => answer(client.GET('/api/v1/locations')), []);

  if ((profile.loading && profile.data === undefined) || (techniques.loading && !techniques.data)) {
    return <Loading what="your profile" />;
  }
  if (profile.data === undefined || !techniques.data) {
    return <ErrorNotice error={profile.error ?? techniques.error} />;
  }
  return (
    <section>
      <h1>Your profile</h1>
      {profile.data === null ? (
        <p className="lead">
          Tell clients about yourself. You can add certifications once it is saved.
        </p>
      ) : (
        <p className={`notice ${profile.data.bookable ? 'notice-good' : 'notice-warning'}`}>
          {profile.data.bookable ? (
            'Clients can find and book you.'
          ) : (
            <>
              Clients cannot book you yet: an admin must first verify your massage licence.{' '}
              <a href={href('therapist/start')}>What is left to do</a>
            </>
          )}
        </p>
      )}
      <ProfileForm
        profile={profile.data}
        techniques={techniques.data}
        locations={locations.data ?? []}
        onSaved={profile.reload}
      />
      {profile.data && (
        <PhotoUpload
          photoUrl={profile.data.photoUrl}
          name={profile.data.name}
          onSaved={profile.reload}
        />
      )}
      {profile.data && (
        <Certifications
          certifications={profile.data.certifications}
          techniques={techniques.data}
          onAdded={profile.reload}
        />
      )}
    </section>
  );
}

function ProfileForm({
  profile,
  techniques,
  locations,
  onSaved,
}: {
  profile: Profile | null;
  techniques: Technique[];
  locations: Schemas['LocationResponse'][];
  onSaved: () => void;
}) {
  const [bio, setBio] = useState(profile?.bio ?? '');
  const [years, setYears] = useState(String(profile?.yearsExperience ?? ''));
  const [timezone, setTimezone] = useState(profile?.timezone ?? localTimeZone());
  const [chosen, setChosen] = useState<Technique['slug'][]>(profile?.techniques ?? []);
  const [locationId, setLocationId] = useState(profile?.locationId ?? '');
  const [message, setMessage] = useState('');
  const action = useAction();

  const save = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void action.run(async () => {
      checkFields({
        bio: bio.length <= 2000,
        yearsExperience: isWholeNumber(years, 0, 70),
        timezone: ZONE_NAMES.includes(resolveTimeZone(timezone)),
      });
      await answer(
        client.PUT('/api/v1/therapists/me', {
          body: {
            bio,
            // Left empty, it is sent as NaN, which JSON writes as null: the server asks for it.
            yearsExperience: years === '' ? Number.NaN : Number(years),
            timezone: resolveTimeZone(timezone),
            techniques: chosen,
            ...(locations.length > 0 ? { locationId: locationId || null } : {}),
          },
        }),
      );
      setMessage('Profile saved.');
      onSaved();
    });
  };

  return (
    <form className="card" onSubmit={save} noValidate>
      <h2>About you</h2>
      <TextArea
        label="Bio"
        hint="What you are good at, in a sentence or two."
        rows={4}
        maxLength={2000}
        value={bio}
        onChange={(e) => setBio(e.target.value)}
        error={action.error?.fieldError('bio')}
      />
      <Field
        label="Years of experience"
        type="number"
        inputMode="numeric"
        min={0}
        max={70}
        value={years}
        onChange={(e) => setYears(e.target.value)}
        error={action.error?.fieldError('yearsExperience')}
      />
      <TimeZoneField
        hint="Your weekly hours are in this time zone."
        value={timezone}
        onChange={setTimezone}
        error={action.error?.fieldError('timezone')}
      />
      {locations.length > 0 && (
        <Select
          label="Where you usually work"
          hint="Your hours are at this location unless you name another for some of them."
          value={locationId}
          onChange={(e) => setLocationId(e.target.value)}
          options={[
            ['', 'No fixed location'],
            ...locations.map((l): [string, string] => [l.id, l.name]),
          ]}
          error={action.error?.fieldError('locationId')}
        />
      )}
      <CheckboxGroup
        legend="Techniques you offer"
        options={
          Object.fromEntries(techniques.map((t) => [t.slug, t.name])) as Record<
            Technique['slug'],
            string
          >
        }
        value={chosen}
        onChange={setChosen}
        error={action.error?.fieldError('techniques')}
      />
      <ErrorNotice error={action.error} />
      <Status message={message} />
      <button type="submit" className="primary" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}

function certificationState(c: Certification): [string, string] {
  if (c.status === 'revoked') return ['Revoked', 'badge-bad'];
  if (c.expired) return ['Expired', 'badge-bad'];
  if (c.status === 'verified') return ['Verified', 'badge-good'];
  if (c.status === 'rejected') return ['Rejected', 'badge-bad'];
  return ['Waiting for review', 'badge-pending'];
}

function Certifications({
  certifications,
  techniques,
  onAdded,
}: {
  certifications: Certification[];
  techniques: Technique[];
  onAdded: () => void;
}) {
  const [kind, setKind] = useState<Certification['kind']>('massage-license');
  const [issuer, setIssuer] = useState('');
  const [number, setNumber] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [message, setMessage] = useState('');
  const action = useAction();

  const add = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void action.run(async () => {
      checkFields({
        issuer: hasLength(issuer, 1, 200),
        number: hasLength(number, 1, 100),
        expiresOn: isTodayOrLater(expiresOn),
      });
      await answer(
        client.POST('/api/v1/therapists/me/certifications', {
          body: { kind, issuer, number, expiresOn },
        }),
      );
      setIssuer('');
      setNumber('');
      setExpiresOn('');
      setMessage('Certification sent for review.');
      onAdded();
    });
  };

  return (
    <section className="card" aria-labelledby="certifications-title">
      <h2 id="certifications-title">Certifications</h2>
      {certifications.length === 0 ? (
        <Empty>No certifications yet. Add your massage licence first.</Empty>
      ) : (
        <ul className="plain-list">
          {certifications.map((c) => {
            const [state, badge] = certificationState(c);
            return (
              <li key={c.id}>
                <strong>
                  {c.kind === 'massage-license' ? 'Massage licence' : humanize(c.kind)}
                </strong>{' '}
                <span className={`badge ${badge}`}>{state}</span>
                <br />
                {c.issuer} · no. {c.number} · valid until {c.expiresOn}
                {c.decisionNote && <> · Note: {c.decisionNote}</>}
                {c.revocationReason && <> · Revoked: {c.revocationReason}</>}
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={add} noValidate>
        <h3>Add a certification</h3>
        <Select
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Certification['kind'])}
          options={[
            ['massage-license', 'Massage licence'],
            ...techniques.map((t): [string, string] => [t.slug, `${t.name} certification`]),
          ]}
          error={action.error?.fieldError('kind')}
        />
        <Field
          label="Issued by"
          value={issuer}
          onChange={(e) => setIssuer(e.target.value)}
          error={action.error?.fieldError('issuer')}
        />
        <Field
          label="Number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          error={action.error?.fieldError('number')}
        />
        <Field
          label="Valid until"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          error={action.error?.fieldError('expiresOn')}
        />
        <ErrorNotice error={action.error} />
        <Status message={message} />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Sending…' : 'Add certification'}
        </button>
      </form>
    </section>
  );
}
