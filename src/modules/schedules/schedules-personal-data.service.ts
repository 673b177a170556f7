import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';

/** A therapist's weekly hours and time off (with its reasons). */
@Injectable()
export class SchedulesPersonalData implements PersonalDataHolder {
  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const [hours, timeOff]: Record<string, unknown>[][] = await Promise.all([
      manager.query(
        `SELECT * FROM availability_windows WHERE therapist_id = $1 ORDER BY weekday, start_minute`,
        [subject.id],
      ),
      manager.query(`SELECT * FROM time_off WHERE therapist_id = $1 ORDER BY starts_at`, [
        subject.id,
      ]),
    ]);
    return { weeklyHours: asRecords(hours), timeOff: asRecords(timeOff) };
  }

  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await manager.query(`DELETE FROM availability_windows WHERE therapist_id = $1`, [subject.id]);
    await manager.query(`DELETE FROM time_off WHERE therapist_id = $1`, [subject.id]);
  }
}
