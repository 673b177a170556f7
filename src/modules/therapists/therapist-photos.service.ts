import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparePhoto } from './photo-images.js';
import { photoAnswer, type PhotoAnswer, type PhotoSize, photoUrl } from './photo.rules.js';
import { therapistErrors } from './therapists.errors.js';
import { TherapistsService } from './therapists.service.js';

const COLUMN_OF: Record<PhotoSize, 'small' | 'large'> = { small: 'small', large: 'large' };

/** Therapists' photos: stored resized and stripped, served with cache validators. */
@Injectable()
export class TherapistPhotosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly therapists: TherapistsService,
  ) {}

  /**
   * Replaces the therapist's photo. The picture is read and rendered before the transaction, so
   * no row is locked while it is worked on; the profile row is then held as erasure holds it, so
   * a photo never lands on an erased account.
   */
  async upload(therapistId: string, body: unknown): Promise<void> {
    if (!Buffer.isBuffer(body)) throw therapistErrors.unsupportedImage();
    await this.therapists.requireProfile(therapistId);
    const { version, renditions } = await preparePhoto(body);
    await this.dataSource.transaction(async (manager) => {
      await this.therapists.lockForChange(manager, therapistId);
      await this.therapists.requireProfile(therapistId, manager);
      await manager.query(
        `INSERT INTO therapist_photos (therapist_id, version, small, large)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (therapist_id) DO UPDATE
           SET version = excluded.version, small = excluded.small, large = excluded.large,
               updated_at = now()`,
        [therapistId, version, renditions.small, renditions.large],
      );
    });
  }

  /** One rendition of a therapist's photo, or 304 when the caller's copy is current; else 404. */
  async read(
    therapistId: string,
    size: PhotoSize,
    request: { version?: string; ifNoneMatch?: string },
  ): Promise<PhotoAnswer> {
    const [stored]: { version: string; bytes: Buffer }[] = await this.dataSource.query(
      `SELECT version, ${COLUMN_OF[size]} AS bytes FROM therapist_photos WHERE therapist_id = $1`,
      [therapistId],
    );
    if (!stored) throw therapistErrors.photoNotFound();
    return photoAnswer(stored, size, request);
  }

  /** The photo URL of each of these therapists that has one (for other modules' answers). */
  async urlsOf(therapistIds: readonly string[]): Promise<Map<string, string>> {
    if (therapistIds.length === 0) return new Map();
    const rows: { therapist_id: string; version: string }[] = await this.dataSource.query(
      `SELECT therapist_id, version FROM therapist_photos WHERE therapist_id = ANY($1::uuid[])`,
      [[...new Set(therapistIds)]],
    );
    return new Map(rows.map((row) => [row.therapist_id, photoUrl(row.therapist_id, row.version)!]));
  }
}
