import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { CheckboxGroup } from '../components/Choices';
import { Field } from '../components/Field';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { resolveTimeZone, TimeZoneField } from '../components/TimeZoneField';
import { useAction, useResource } from '../hooks';
import {
  COMMON_FEATURES,
  featureLabel,
  loadPlaces,
  toSlug,
  toSlugs,
  type Place,
} from '../resources';
import { zoneName } from '../format';
import { href } from '../router';

type Location = Schemas['LocationResponse'];

/**
 * The spa's places: each location with its treatment rooms (and what they have) and its
 * equipment (how many of each). A location without rooms books on therapists' time alone.
 */
export function AdminLocations() {
  const places = useResource(loadPlaces, []);
  const [message, setMessage] = useState('');
  const saved = (text: string) => {
    setMessage(text);
    places.reload();
  };

  return (
    <section>
      <h1>Locations and rooms</h1>
      <p className="lead">
        Where sessions happen. At a location with rooms, each booking takes a free room with what
        the session needs, and its equipment, so the spa never books more than it can hold.
      </p>
      <Status message={message} />
      {places.loading && !places.data && <Loading what="the locations" />}
      <ErrorNotice error={places.error} />
      {places.data?.length === 0 && (
        <Empty>No locations yet. Add the spa’s address below to start.</Empty>
      )}
      {places.data?.map((place) => (
        <LocationCard key={place.location.id} place={place} onSaved={saved} />
      ))}
      {places.data && (
        <div className="card">
          <h2>Add a location</h2>
          <LocationForm onSaved={(name) => saved(`${name} added.`)} />
        </div>
      )}
    </section>
  );
}

function LocationCard({ place, onSaved }: { place: Place; onSaved: (text: string) => void }) {
  const { location, rooms, equipment } = place;
  const [editing, setEditing] = useState(false);
  return (
    <article className="card location-card">
      {editing ? (
        <LocationForm
          location={location}
          onSaved={(name) => {
            setEditing(false);
            onSaved(`${name} updated.`);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <h2>{location.name}</h2>
          <p>
            {location.address} · {zoneName(location.timezone)}
          </p>
          <div className="actions">
            <a className="button secondary" href={href(`admin/locations/${location.id}/day`)}>
              Day view
            </a>
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit {location.name}
            </button>
          </div>
        </>
      )}
      <h3>Rooms</h3>
      {rooms.length === 0 ? (
        <Empty>No rooms: sessions here are limited only by the therapists’ time.</Empty>
      ) : (
        <ul className="plain-list">
          {rooms.map((room) => (
            <li key={room.id}>
              <strong>{room.name}</strong>
              {room.features.length > 0
                ? ` — ${room.features.map(featureLabel).join(', ')}`
                : ' — no special features'}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Add a room to {location.name}</summary>
        <RoomForm location={location} onSaved={(name) => onSaved(`${name} added.`)} />
      </details>
      <h3>Equipment</h3>
      {equipment.length === 0 ? (
        <Empty>No equipment listed here.</Empty>
      ) : (
        <ul className="plain-list">
          {equipment.map((kind) => (
            <li key={kind.kind}>
              <strong>{kind.name}</strong> — {kind.quantity} ×{' '}
              {featureLabel(kind.kind).toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Add equipment to {location.name}</summary>
        <EquipmentForm location={location} onSaved={(name) => onSaved(`${name} added.`)} />
      </details>
    </article>
  );
}

function LocationForm({
  location,
  onSaved,
  onCancel,
}: {
  location?: Location;
  onSaved: (name: string) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(location?.name ?? '');
  const [address, setAddress] = useState(location?.address ?? '');
  const [timezone, setTimezone] = useState(
    location?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      address: address.trim(),
      timezone: resolveTimeZone(timezone),
    };
    void action.run(async () => {
      await answer(
        location
          ? client.PATCH('/api/v1/admin/locations/{id}', {
              params: { path: { id: location.id } },
              body,
            })
          : client.POST('/api/v1/admin/locations', { body }),
      );
      if (!location) {
        setName('');
        setAddress('');
      }
      onSaved(body.name);
    });
  };

  const error = (field: string) => action.error?.fieldError(field);
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="Name"
        hint="What clients see, like Unknot Riverside."
        value={name}
        maxLength={100}
        required
        onChange={(e) => setName(e.target.value)}
        error={error('name')}
      />
      <Field
        label="Address"
        value={address}
        maxLength={300}
        required
        autoComplete="street-address"
        onChange={(e) => setAddress(e.target.value)}
        error={error('address')}
      />
      <TimeZoneField
        hint="The opening hours and the day view use this location’s clocks."
        value={timezone}
        onChange={setTimezone}
        error={error('timezone')}
      />
      <ErrorNotice error={action.error} />
      <div className="actions">
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary" disabled={action.busy}>
          {location ? 'Save changes' : 'Add location'}
        </button>
      </div>
    </form>
  );
}

function RoomForm({ location, onSaved }: { location: Location; onSaved: (name: string) => void }) {
  const [name, setName] = useState('');
  const [features, setFeatures] = useState<string[]>(['table']);
  const [others, setOthers] = useState('');
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), features: [...new Set([...features, ...toSlugs(others)])] };
    void action.run(async () => {
      await answer(
        client.POST('/api/v1/admin/locations/{id}/rooms', {
          params: { path: { id: location.id } },
          body,
        }),
      );
      setName('');
      setFeatures(['table']);
      setOthers('');
      onSaved(body.name);
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="Room name"
        hint="Like Room 2 or The garden room."
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        error={action.error?.fieldError('name')}
      />
      <CheckboxGroup
        legend="What the room has"
        hint="Sessions that need a prenatal table or a hot-stone heater only go to rooms that have one."
        options={COMMON_FEATURES}
        value={features}
        onChange={setFeatures}
        error={action.error?.fieldError('features')}
      />
      <Field
        label="Anything else (optional)"
        hint="Separate with commas, like steam, sea view."
        value={others}
        onChange={(e) => setOthers(e.target.value)}
      />
      <ErrorNotice error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>
        Add room
      </button>
    </form>
  );
}

function EquipmentForm({
  location,
  onSaved,
}: {
  location: Location;
  onSaved: (name: string) => void;
}) {
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [quantity, setQuantity] = useState('1');
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { kind: toSlug(kind), name: name.trim(), quantity: Number(quantity) };
    void action.run(async () => {
      await answer(
        client.POST('/api/v1/admin/locations/{id}/equipment', {
          params: { path: { id: location.id } },
          body,
        }),
      );
      setKind('');
      setName('');
      setQuantity('1');
      onSaved(body.name);
    });
  };

  const kindError = action.error?.fieldError('kind')
    ? 'Say what it is in a word or two, like hot stones.'
    : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="What it is"
        hint="The kind offerings ask for, like hot stones."
        value={kind}
        maxLength={40}
        onChange={(e) => setKind(e.target.value)}
        error={kindError}
      />
      <Field
        label="Name"
        hint="Like Basalt stone set."
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        error={action.error?.fieldError('name')}
      />
      <Field
        label="How many"
        hint="Each one can be in one session at a time."
        type="number"
        inputMode="numeric"
        min={1}
        max={50}
        value={quantity}
        onChange={(e) => setQuantity(e.target.value)}
        error={action.error?.fieldError('quantity')}
      />
      <ErrorNotice error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>
        Add equipment
      </button>
    </form>
  );
}
