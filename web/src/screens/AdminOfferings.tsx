import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { CheckboxGroup } from '../components/Choices';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field, Select } from '../components/Field';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { formatMoney, humanize } from '../format';
import { checkFields, hasLength, isPrice, isWholeNumber } from '../checks';
import { useAction, useResource } from '../hooks';
import { COMMON_FEATURES, featureLabel, loadPlaces } from '../resources';

type Offering = Schemas['OfferingResponse'];
type Technique = Schemas['TechniqueResponse'];
type Requirements = Offering['requires'];

/** What the spa's rooms have and what equipment it keeps, across its locations. */
interface Stock {
  features: Record<string, string>;
  equipment: Record<string, string>;
}

/** "Needs a prenatal table and 1 hot stones", or nothing when the offering needs no room. */
function needsText(requires: Requirements): string {
  const parts = [
    ...requires.roomFeatures.map((f) => featureLabel(f).toLowerCase()),
    ...requires.equipment.map((e) => `${e.quantity} × ${featureLabel(e.kind).toLowerCase()}`),
  ];
  return parts.length ? ` · needs ${parts.join(', ')}` : '';
}

/** The menu: what clients can book, per technique, with duration, price and clean-up buffer. */
export function AdminOfferings() {
  const offerings = useResource(
    () => answer(client.GET('/api/v1/offerings', { params: { query: { limit: 100 } } })),
    [],
  );
  const techniques = useResource(() => answer(client.GET('/api/v1/techniques')), []);
  const places = useResource(loadPlaces, []);
  const stock: Stock = {
    features: {
      ...COMMON_FEATURES,
      ...Object.fromEntries(
        (places.data ?? []).flatMap((p) =>
          p.rooms.flatMap((r) => r.features.map((f) => [f, featureLabel(f)])),
        ),
      ),
    },
    equipment: Object.fromEntries(
      (places.data ?? []).flatMap((p) => p.equipment.map((e) => [e.kind, featureLabel(e.kind)])),
    ),
  };
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const removal = useAction();

  const catalog = techniques.data;
  const saved = (text: string) => {
    setMessage(text);
    setEditing(null);
    offerings.reload();
  };

  return (
    <section>
      <h1>Offerings</h1>
      <Status message={message} />
      {(offerings.loading && !offerings.data) || (techniques.loading && !techniques.data) ? (
        <Loading what="the menu" />
      ) : null}
      <ErrorNotice error={offerings.error ?? techniques.error ?? removal.error} />
      {offerings.data?.items.length === 0 && (
        <Empty>The menu is empty. Add the first offering below.</Empty>
      )}
      {catalog && (
        <>
          <ul className="offering-list">
            {offerings.data?.items.map((offering) => (
              <li key={offering.id} className="card">
                {editing === offering.id ? (
                  <OfferingForm
                    offering={offering}
                    techniques={catalog}
                    stock={stock}
                    onSaved={() => saved(`${offering.name} updated.`)}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <h2>{offering.name}</h2>
                    <p>
                      {humanize(offering.technique)} · {offering.durationMinutes} min ·{' '}
                      {formatMoney(offering.priceCents)} · {offering.bufferMinutes} min buffer
                      {needsText(offering.requires)}
                    </p>
                    <div className="actions">
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setEditing(offering.id)}
                      >
                        Edit
                      </button>
                      <ConfirmButton
                        label="Delete"
                        question={`Delete ${offering.name}? If it has bookings it is archived instead.`}
                        confirmLabel="Yes, delete it"
                        busy={removal.busy}
                        onConfirm={() =>
                          removal.run(async () => {
                            await answer(
                              client.DELETE('/api/v1/offerings/{id}', {
                                params: { path: { id: offering.id } },
                              }),
                            );
                            saved(`${offering.name} removed from the menu.`);
                          })
                        }
                      />
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
          <div className="card">
            <h2>Add an offering</h2>
            <OfferingForm
              techniques={catalog}
              stock={stock}
              onSaved={() => saved('Offering added.')}
            />
          </div>
        </>
      )}
    </section>
  );
}

function OfferingForm({
  offering,
  techniques,
  stock,
  onSaved,
  onCancel,
}: {
  offering?: Offering;
  techniques: Technique[];
  stock: Stock;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [technique, setTechnique] = useState(offering?.technique ?? techniques[0]?.slug);
  const [name, setName] = useState(offering?.name ?? '');
  const [duration, setDuration] = useState(String(offering?.durationMinutes ?? 60));
  const [price, setPrice] = useState(offering ? (offering.priceCents / 100).toFixed(2) : '');
  const [buffer, setBuffer] = useState(String(offering?.bufferMinutes ?? 15));
  const [features, setFeatures] = useState<string[]>(offering?.requires.roomFeatures ?? []);
  const [equipment, setEquipment] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      (offering?.requires.equipment ?? []).map((e) => [e.kind, String(e.quantity)]),
    ),
  );
  const action = useAction();
  // Kinds the offering already asks for stay listed even when no location keeps them any more.
  const featureOptions = {
    ...stock.features,
    ...Object.fromEntries(features.map((f) => [f, featureLabel(f)])),
  };
  const equipmentOptions = {
    ...stock.equipment,
    ...Object.fromEntries(Object.keys(equipment).map((k) => [k, featureLabel(k)])),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      // Missing only while the catalog is empty; the server then asks for a technique.
      technique: technique as Technique['slug'],
      name,
      durationMinutes: Number(duration),
      // An empty or unreadable price is sent as NaN, which JSON writes as null: the server
      // refuses it with the price's own sentence.
      priceCents: price === '' ? Number.NaN : Math.round(Number(price) * 100),
      bufferMinutes: Number(buffer),
      requires: {
        roomFeatures: features,
        equipment: Object.entries(equipment)
          .filter(([, quantity]) => quantity !== '' && quantity !== '0')
          .map(([kind, quantity]) => ({ kind, quantity: Number(quantity) })),
      },
    };
    void action.run(async () => {
      checkFields({
        name: hasLength(name, 1, 100),
        durationMinutes: isWholeNumber(duration, 15, 240) && Number(duration) % 15 === 0,
        priceCents: isPrice(price),
        bufferMinutes: isWholeNumber(buffer, 0, 60),
      });
      await answer(
        offering
          ? client.PATCH('/api/v1/offerings/{id}', {
              params: { path: { id: offering.id } },
              body,
            })
          : client.POST('/api/v1/offerings', { body }),
      );
      if (!offering) {
        setName('');
        setPrice('');
      }
      onSaved();
    });
  };

  const error = (field: string) => action.error?.fieldError(field);
  return (
    <form onSubmit={submit} noValidate className="offering-form">
      <Select
        label="Technique"
        value={technique}
        onChange={(e) => setTechnique(e.target.value as Technique['slug'])}
        options={techniques.map((t) => [t.slug, t.name])}
        error={error('technique')}
      />
      <Field
        label="Name"
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        error={error('name')}
      />
      <Field
        label="Duration (minutes)"
        type="number"
        min={15}
        max={240}
        step={15}
        value={duration}
        onChange={(e) => setDuration(e.target.value)}
        error={error('durationMinutes')}
      />
      <Field
        label="Price (USD)"
        type="number"
        min={0}
        step={0.01}
        inputMode="decimal"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        error={error('priceCents')}
      />
      <Field
        label="Buffer after (minutes)"
        hint="Clean-up time before the next session."
        type="number"
        min={0}
        max={60}
        value={buffer}
        onChange={(e) => setBuffer(e.target.value)}
        error={error('bufferMinutes')}
      />
      <CheckboxGroup
        legend="Room it needs"
        hint="At a location with rooms, this session only goes to a room that has all of these."
        options={featureOptions}
        value={features}
        onChange={setFeatures}
        error={error('requires.roomFeatures')}
      />
      {Object.keys(equipmentOptions).length > 0 && (
        <fieldset className="choices">
          <legend>Equipment it needs</legend>
          {Object.entries(equipmentOptions).map(([kind, label]) => (
            <Field
              key={kind}
              label={`${label} (how many)`}
              type="number"
              inputMode="numeric"
              min={0}
              max={10}
              value={equipment[kind] ?? '0'}
              onChange={(e) => setEquipment({ ...equipment, [kind]: e.target.value })}
              error={error('requires.equipment')}
            />
          ))}
        </fieldset>
      )}
      <ErrorNotice error={action.error} />
      <div className="actions">
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary" disabled={action.busy}>
          {offering ? 'Save changes' : 'Add offering'}
        </button>
      </div>
    </form>
  );
}
