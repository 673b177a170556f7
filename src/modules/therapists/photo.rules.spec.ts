import { matchesIfNoneMatch, photoAnswer, photoEtag, photoUrl } from './photo.rules';

describe('photo rules', () => {
  const stored = { version: 'abc123', bytes: Buffer.from('webp') };

  it('names the version in the URL, and no URL without a photo', () => {
    expect(photoUrl('t-1', 'abc123')).toBe('/api/v1/therapists/t-1/photo?v=abc123');
    expect(photoUrl('t-1', null)).toBeNull();
  });

  it('answers the bytes with a strong ETag per version and size', () => {
    const answer = photoAnswer(stored, 'small', {});
    expect(answer).toEqual({
      status: 200,
      headers: {
        etag: '"abc123-small"',
        'cache-control': 'public, max-age=86400',
        'content-type': 'image/webp',
      },
      body: stored.bytes,
    });
    expect(photoEtag('abc123', 'large')).not.toBe(photoEtag('abc123', 'small'));
  });

  it('caches the current versioned URL for good, an old or missing version for a day', () => {
    expect(photoAnswer(stored, 'large', { version: 'abc123' }).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(photoAnswer(stored, 'large', { version: 'old' }).headers['cache-control']).toBe(
      'public, max-age=86400',
    );
  });

  it('answers 304 without a body when If-None-Match names the current tag', () => {
    const answer = photoAnswer(stored, 'large', { ifNoneMatch: '"abc123-large"' });
    expect(answer.status).toBe(304);
    expect(answer.body).toBeNull();
    expect(answer.headers.etag).toBe('"abc123-large"');
    expect(photoAnswer(stored, 'large', { ifNoneMatch: '"abc123-small"' }).status).toBe(200);
  });

  it.each([
    ['"x", "abc-large"', true],
    ['W/"abc-large"', true],
    ['*', true],
    ['"abc-small"', false],
    ['', false],
    [undefined, false],
  ])('If-None-Match %p matches "abc-large": %p', (header, expected) => {
    expect(matchesIfNoneMatch(header, '"abc-large"')).toBe(expected);
  });
});
