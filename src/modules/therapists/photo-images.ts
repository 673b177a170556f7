import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { PHOTO_SIZES, type PhotoSize } from './photo.rules.js';
import { therapistErrors } from './therapists.errors.js';

/** What a therapist may upload, by what the bytes are (the Content-Type header only routes them). */
const READABLE_FORMATS = new Set(['jpeg', 'png', 'webp']);
/** About a 7000 × 7000 picture: more pixels than any camera photo, fewer than a decompression bomb. */
export const MAX_INPUT_PIXELS = 50_000_000;

// Each upload is read once: libvips' operation cache would only hold memory.
sharp.cache(false);

export interface PreparedPhoto {
  version: string;
  renditions: Record<PhotoSize, Buffer>;
}

/**
 * Reads an uploaded picture by its content and renders it square at each size, as WebP, turned
 * upright by its EXIF orientation and with every piece of metadata (EXIF, GPS, XMP, ICC) left
 * behind. Anything that is not a readable JPEG, PNG or WebP is refused.
 */
export async function preparePhoto(input: Buffer): Promise<PreparedPhoto> {
  if (input.length === 0) throw therapistErrors.unsupportedImage();
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw therapistErrors.unsupportedImage();
  }
  if (!metadata.format || !READABLE_FORMATS.has(metadata.format)) {
    throw therapistErrors.unsupportedImage();
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_INPUT_PIXELS) {
    throw therapistErrors.imageTooLarge();
  }
  const render = (pixels: number) =>
    sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .resize(pixels, pixels, { fit: 'cover', position: 'attention' })
      .webp({ quality: 82 })
      .toBuffer();
  let small: Buffer;
  let large: Buffer;
  try {
    // One after the other: each render already uses every core libvips is given.
    small = await render(PHOTO_SIZES.small);
    large = await render(PHOTO_SIZES.large);
  } catch {
    // A header that reads but pixels that do not (a truncated or corrupt file).
    throw therapistErrors.unsupportedImage();
  }
  const version = createHash('sha256').update(large).update(small).digest('base64url').slice(0, 16);
  return { version, renditions: { small, large } };
}
