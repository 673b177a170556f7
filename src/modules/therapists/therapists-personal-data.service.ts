import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';
import { photoUrl } from './photo.rules.js';
import { newCalendarToken } from './therapists.service.js';

/**
 * A therapist's profile, techniques, certifications and photo. Erasure keeps the profile row (past
 * sessions refer to it) with nothing personal in it: no introduction, no certificate, no photo, a
 * calendar link no one holds.
 */
@Injectable()
export class TherapistsPersonalData implements PersonalDataHolder {
  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const [profile, techniques, certifications, photos]: Record<string, unknown>[][] =
      await Promise.all([
        manager.query(
          `SELECT id, bio, years_experience, timezone, created_at, updated_at
           FROM therapists WHERE id = $1`,
          [subject.id],
        ),
        manager.query(`SELECT * FROM therapist_techniques WHERE therapist_id = $1`, [subject.id]),
        manager.query(`SELECT * FROM certifications WHERE therapist_id = $1 ORDER BY created_at`, [
          subject.id,
        ]),
        // The picture itself is at its URL; the export says what is kept.
        manager.query(
          `SELECT therapist_id, version, octet_length(small) AS small_bytes,
                octet_length(large) AS large_bytes, updated_at
           FROM therapist_photos WHERE therapist_id = $1`,
          [subject.id],
        ),
      ]);
    return {
      therapistProfile: asRecords(profile),
      therapistTechniques: asRecords(techniques),
      certifications: asRecords(certifications),
      therapistPhoto: asRecords(photos).map((photo) => ({
        ...photo,
        url: photoUrl(subject.id, photo.version as string),
      })),
    };
  }

  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await manager.query(`DELETE FROM certifications WHERE therapist_id = $1`, [subject.id]);
    await manager.query(`DELETE FROM therapist_photos WHERE therapist_id = $1`, [subject.id]);
    await manager.query(`DELETE FROM therapist_techniques WHERE therapist_id = $1`, [subject.id]);
    await manager.query(
      `UPDATE therapists SET bio = '', calendar_token = $2, updated_at = now() WHERE id = $1`,
      [subject.id, newCalendarToken()],
    );
  }
}
