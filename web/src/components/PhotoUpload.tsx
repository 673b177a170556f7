import { useState, type ChangeEvent } from 'react';
import { answer, client } from '../api/client';
import { checkFields } from '../checks';
import { useAction } from '../hooks';
import { ErrorNotice, Status } from './Notices';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 5 * 1024 * 1024;

/** The therapist's photo, shown to clients on match cards: a JPEG, PNG or WebP of up to 5 MB. */
export function PhotoUpload({
  photoUrl,
  name,
  onSaved,
}: {
  photoUrl: string | null;
  name: string;
  onSaved: () => void;
}) {
  const action = useAction();
  const [message, setMessage] = useState('');
  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setMessage('');
    void action.run(async () => {
      checkFields({ photo: TYPES.includes(file.type) && file.size <= MAX_BYTES });
      await answer(
        client.PUT('/api/v1/therapists/me/photo', {
          // The picture's bytes as they are, typed by the file's own media type.
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': file.type },
        }),
      );
      setMessage('Photo saved. Clients see it next to your name.');
      onSaved();
    });
  };
  return (
    <section className="card" aria-labelledby="photo-title">
      <h2 id="photo-title">Your photo</h2>
      <div className="photo-row">
        {photoUrl ? (
          <img className="avatar avatar-large" src={`${photoUrl}&size=small`} alt={name} />
        ) : (
          <p className="hint">
            No photo yet. Clients choose more easily when they can see who they will meet.
          </p>
        )}
        <div className="field">
          <label htmlFor="photo-file">{photoUrl ? 'Choose a new photo' : 'Choose a photo'}</label>
          <span className="hint" id="photo-hint">
            A JPEG, PNG or WebP picture of up to 5 MB; it is cropped square.
          </span>
          <input
            id="photo-file"
            type="file"
            accept={TYPES.join(',')}
            aria-describedby="photo-hint"
            onChange={upload}
            disabled={action.busy}
          />
        </div>
      </div>
      <ErrorNotice error={action.error} />
      <Status message={action.busy ? 'Uploading…' : message} />
    </section>
  );
}
