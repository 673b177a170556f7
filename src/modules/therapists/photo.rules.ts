/** Pixels per side of each square rendition a photo is stored at. */
export const PHOTO_SIZES = { small: 160, large: 640 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;
export const PHOTO_SIZE_NAMES = Object.keys(PHOTO_SIZES) as PhotoSize[];

/** What PUT /therapists/me/photo takes; the content must then prove to be one of them. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PHOTO_LIMIT_BYTES = 5 * 1024 * 1024;
export const PHOTO_CONTENT_TYPE = 'image/webp';

/** A day for a URL without the version (or an old one); a year, immutable, for the current one. */
const UNVERSIONED_CACHE = 'public, max-age=86400';
const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

/** The photo's address in answers: its version in the query, so a new photo is a new URL. */
export function photoUrl(therapistId: string, version: string | null): string | null {
  return version === null ? null : `/api/v1/therapists/${therapistId}/photo?v=${version}`;
}

export function photoEtag(version: string, size: PhotoSize): string {
  return `"${version}-${size}"`;
}

/**
 * Whether an If-None-Match header names this entity tag (RFC 9110 §13.1.2: weak comparison, a
 * list of tags, or `*`).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

export interface PhotoAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** The answer to a photo read: the bytes, or 304 when the caller's copy is current. */
export function photoAnswer(
  stored: { version: string; bytes: Buffer },
  size: PhotoSize,
  request: { version?: string; ifNoneMatch?: string },
): PhotoAnswer {
  const etag = photoEtag(stored.version, size);
  const headers = {
    etag,
    'cache-control': request.version === stored.version ? VERSIONED_CACHE : UNVERSIONED_CACHE,
  };
  if (matchesIfNoneMatch(request.ifNoneMatch, etag)) return { status: 304, headers, body: null };
  return {
    status: 200,
    headers: { ...headers, 'content-type': PHOTO_CONTENT_TYPE },
    body: stored.bytes,
  };
}
