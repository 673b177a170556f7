import sharp from 'sharp';
import { request as httpRequest } from 'node:http';
import { crc32 } from 'node:zlib';
import { request } from '../support/api-request.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  loginAdmin,
  makeClient,
  makeIntake,
  makeJpeg,
  makeOffering,
  makeTherapist,
  makeTherapistAccount,
  uploadPhoto,
} from '../support/factories.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
let therapist: Account;
beforeAll(async () => {
  t = await createTestApp();
  therapist = await makeTherapist(t, {
    name: 'Pam Photo',
    techniques: ['swedish'],
    weekly: ALL_WEEK,
  });
});
afterAll(() => t.close());

const getPhoto = (id: string, query: Record<string, string> = {}) =>
  request(t.server).get(`${API}/therapists/${id}/photo`).query(query);

/** A 1200 × 800 JPEG that says where and by whom it was taken, and that it lies on its side. */
async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c96' } })
    .jpeg()
    .withExif({
      IFD0: {
        Artist: 'Secret Photographer',
        Copyright: 'Home address 12 Hidden Lane',
        Orientation: '6',
      },
    })
    .toBuffer();
}

/**
 * Announces a body of `length` bytes and sends none of it: the server must refuse it by its
 * Content-Length alone, before reading (a browser sends the length of every file it uploads).
 */
function announceUpload(
  path: string,
  headers: Record<string, string>,
  length: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(`${t.server}${path}`, {
      method: 'PUT',
      headers: { ...headers, 'content-length': String(length) },
    });
    call.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        call.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    call.on('error', reject);
    call.flushHeaders();
  });
}

/** Rows of therapist_photos for the therapist (the bytes never change unless an upload lands). */
async function storedVersion(id: string): Promise<string | null> {
  const { rows } = await t.db.query(
    `SELECT version FROM therapist_photos WHERE therapist_id = $1`,
    [id],
  );
  return rows[0]?.version ?? null;
}

describe('PUT /therapists/me/photo', () => {
  it('stores a JPEG with EXIF resized to 640 and 160 px WebP, with no metadata left', async () => {
    const original = await jpegWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes('Secret Photographer')).toBe(true);

    await uploadPhoto(t, therapist, original).expect(204);

    for (const [size, pixels] of [
      ['large', 640],
      ['small', 160],
    ] as const) {
      const response = await getPhoto(therapist.id, { size }).expect(200);
      expect(response.headers['content-type']).toBe('image/webp');
      const bytes: Buffer = response.body;
      const metadata = await sharp(bytes).metadata();
      expect({
        size,
        format: metadata.format,
        width: metadata.width,
        height: metadata.height,
      }).toEqual({ size, format: 'webp', width: pixels, height: pixels });
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(bytes.includes('Secret Photographer')).toBe(false);
      expect(bytes.includes('Hidden Lane')).toBe(false);
    }
    // Without ?size= the large one.
    const plain = await getPhoto(therapist.id).expect(200);
    expect((await sharp(plain.body as Buffer).metadata()).width).toBe(640);
  });

  it('names the photo in every profile with a version that a new photo changes', async () => {
    const own = await makeTherapist(t, { name: 'Vic Version', weekly: ALL_WEEK });
    const ownProfile = () =>
      request(t.server).get(`${API}/therapists/me`).set('Authorization', bearer(own)).expect(200);
    expect((await ownProfile()).body.photoUrl).toBeNull();
    expect(
      (await request(t.server).get(`${API}/therapists/${own.id}`).expect(200)).body.photoUrl,
    ).toBeNull();

    await uploadPhoto(t, own, await makeJpeg(500, 500)).expect(204);
    const first = (await ownProfile()).body.photoUrl as string;
    expect(first).toBe(`/api/v1/therapists/${own.id}/photo?v=${await storedVersion(own.id)}`);
    const publicProfile = await request(t.server).get(`${API}/therapists/${own.id}`).expect(200);
    expect(publicProfile.body.photoUrl).toBe(first);
    const listed = await request(t.server)
      .get(`${API}/therapists`)
      .query({ limit: 100 })
      .expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === own.id).photoUrl).toBe(first);
    // The URL as given serves the photo.
    await request(t.server).get(first).expect(200);

    const upright = await sharp({
      create: { width: 300, height: 900, channels: 3, background: '#135' },
    })
      .png()
      .toBuffer();
    await uploadPhoto(t, own, upright, 'image/png').expect(204);
    const second = (await ownProfile()).body.photoUrl as string;
    expect(second).not.toBe(first);
    expect(second).toBe(`/api/v1/therapists/${own.id}/photo?v=${await storedVersion(own.id)}`);
  });

  it('takes a real WebP, and a PNG labelled JPEG by what it is', async () => {
    const own = await makeTherapist(t, { name: 'Wes Webp', weekly: ALL_WEEK });
    const webp = await sharp({
      create: { width: 700, height: 700, channels: 4, background: '#fff0' },
    })
      .webp()
      .toBuffer();
    await uploadPhoto(t, own, webp, 'image/webp').expect(204);
    const png = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#333' },
    })
      .png()
      .toBuffer();
    await uploadPhoto(t, own, png, 'image/jpeg').expect(204);
    const small = await getPhoto(own.id, { size: 'small' }).expect(200);
    expect((await sharp(small.body as Buffer).metadata()).width).toBe(160);
  });

  it.each([
    [
      'a text file labelled image/png',
      () => Buffer.from('hello, I am not a picture\n'),
      'image/png',
    ],
    [
      'an SVG labelled image/png',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
      'image/png',
    ],
    [
      'a GIF labelled image/jpeg',
      () =>
        sharp({ create: { width: 9, height: 9, channels: 3, background: '#f00' } })
          .gif()
          .toBuffer(),
      'image/jpeg',
    ],
    ['a truncated JPEG', async () => (await makeJpeg()).subarray(0, 400), 'image/jpeg'],
    ['an empty body', () => Buffer.alloc(0), 'image/jpeg'],
  ])('refuses %s with 415 UNSUPPORTED_IMAGE and keeps the photo it had', async (_, make, type) => {
    const own = await makeTherapist(t, { name: 'Rex Refused', weekly: ALL_WEEK });
    await uploadPhoto(t, own, await makeJpeg(300, 300)).expect(204);
    const before = await storedVersion(own.id);
    const response = await uploadPhoto(t, own, await make(), type).expect(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_IMAGE' });
    expect(await storedVersion(own.id)).toBe(before);
  });

  it('refuses a picture of more than 50 megapixels before decoding it (422)', async () => {
    // A tiny PNG whose header claims 10000 × 10000: a decompression bomb's shape.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } })
      .png()
      .toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(10_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const own = await makeTherapist(t, { name: 'Bo Bomb', weekly: ALL_WEEK });
    const response = await uploadPhoto(t, own, bomb, 'image/png').expect(422);
    expect(response.body.code).toBe('IMAGE_TOO_LARGE');
    expect(await storedVersion(own.id)).toBeNull();
  });

  it('refuses more than 5 MB with 413, and takes 5 MB exactly as far as reading it', async () => {
    const own = await makeTherapist(t, { name: 'Big Bertha', weekly: ALL_WEEK });
    const headers = { authorization: bearer(own), 'content-type': 'image/jpeg' };
    const refused = await announceUpload(
      `${API}/therapists/me/photo`,
      headers,
      5 * 1024 * 1024 + 1,
    );
    expect(refused).toMatchObject({
      status: 413,
      body: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    });
    // Exactly the limit passes the size check (and is then read, and refused as no picture).
    const atLimit = await uploadPhoto(t, own, Buffer.alloc(5 * 1024 * 1024, 1)).expect(415);
    expect(atLimit.body.code).toBe('UNSUPPORTED_IMAGE');
    expect(await storedVersion(own.id)).toBeNull();
  });

  it('refuses a body that is not an image type with 415, on this route and on the others', async () => {
    const json = await request(t.server)
      .put(`${API}/therapists/me/photo`)
      .set('Authorization', bearer(therapist))
      .send({ photo: 'base64…' })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_IMAGE');
    const client = await makeClient(t);
    const elsewhere = await request(t.server)
      .patch(`${API}/me`)
      .set('Authorization', bearer(client))
      .set('Content-Type', 'image/png')
      .send(await makeJpeg(10, 10))
      .expect(415);
    expect(elsewhere.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('is for therapists with a profile: 403 for a client and an admin, 401 without a token, 409 without a profile', async () => {
    const jpeg = await makeJpeg(100, 100);
    const client = await makeClient(t);
    const admin = await loginAdmin(t);
    expect((await uploadPhoto(t, client, jpeg).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await uploadPhoto(t, admin, jpeg).expect(403)).body.code).toBe('FORBIDDEN');
    await request(t.server)
      .put(`${API}/therapists/me/photo`)
      .set('Content-Type', 'image/jpeg')
      .send(jpeg)
      .expect(401);
    const newcomer = await makeTherapistAccount(t);
    expect((await uploadPhoto(t, newcomer, jpeg).expect(409)).body.code).toBe('PROFILE_REQUIRED');
  });
});

describe('photoUrl in matches', () => {
  it('shows each matched therapist’s photo, and null for one without', async () => {
    await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
    const pictured = await makeTherapist(t, {
      name: 'Mia Matched',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    await uploadPhoto(t, pictured, await makeJpeg(300, 300, '#a55')).expect(204);
    const plain = await makeTherapist(t, {
      name: 'Ned Nophoto',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, {
      painAreas: ['shoulders'],
      sensations: ['tight'],
      onset: 'acute',
      causes: ['stress'],
      knots: false,
      stressLevel: 9,
    });
    const matches = await request(t.server)
      .get(`${API}/intakes/${intake.id}/matches`)
      .query({ limit: 100 })
      .set('Authorization', bearer(client))
      .expect(200);
    const photoOf = (id: string) =>
      matches.body.find((m: { therapist: { id: string } }) => m.therapist.id === id)?.therapist
        .photoUrl;
    expect(photoOf(pictured.id)).toBe(
      `/api/v1/therapists/${pictured.id}/photo?v=${await storedVersion(pictured.id)}`,
    );
    expect(photoOf(plain.id)).toBeNull();
  });
});

describe('GET /therapists/:id/photo', () => {
  it('answers with a strong ETag, public caching, and 304 when the copy is current', async () => {
    const own = await makeTherapist(t, { name: 'Cal Cache', weekly: ALL_WEEK });
    await uploadPhoto(t, own, await makeJpeg()).expect(204);
    const version = (await storedVersion(own.id))!;

    const plain = await getPhoto(own.id).expect(200);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(plain.headers['cache-control']).toBe('public, max-age=86400');

    const versioned = await getPhoto(own.id, { v: version }).expect(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(versioned.headers.etag).toBe(etag);

    const small = await getPhoto(own.id, { size: 'small' }).expect(200);
    expect(small.headers.etag).not.toBe(etag);

    const notModified = await getPhoto(own.id).set('If-None-Match', etag).expect(304);
    expect(notModified.headers.etag).toBe(etag);
    expect(notModified.headers['cache-control']).toBe('public, max-age=86400');
    expect(notModified.text ?? '').toBe('');
    await getPhoto(own.id).set('If-None-Match', `"other", W/${etag}`).expect(304);
    await getPhoto(own.id, { size: 'small' }).set('If-None-Match', etag).expect(200);

    // A new photo: the old tag no longer matches.
    await uploadPhoto(t, own, await makeJpeg(640, 480, '#345')).expect(204);
    const fresh = await getPhoto(own.id).set('If-None-Match', etag).expect(200);
    expect(fresh.headers.etag).not.toBe(etag);
  });

  it('is 404 PHOTO_NOT_FOUND without a photo, and 400 for a bad id or size', async () => {
    const own = await makeTherapist(t, { name: 'No Photo', weekly: ALL_WEEK });
    const none = await getPhoto(own.id).expect(404);
    expect(none.body.code).toBe('PHOTO_NOT_FOUND');
    expect(none.headers['cache-control']).toBe('no-store');
    await getPhoto('00000000-0000-4000-8000-000000000000').expect(404);
    expect((await getPhoto('not-a-uuid').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await getPhoto(own.id, { size: 'huge' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await getPhoto(own.id, { v: '../x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
