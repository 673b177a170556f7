import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  NotificationPreferencesDto,
  NotificationPreferencesResponse,
} from './dto/notifications.dto.js';

const DEFAULTS: NotificationPreferencesResponse = { reminders: true, timezone: null };

@Injectable()
export class NotificationPreferences {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<NotificationPreferencesResponse> {
    const [row]: NotificationPreferencesResponse[] = await this.dataSource.query(
      `SELECT reminders, timezone FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return row ?? DEFAULTS;
  }

  /** `timezone` left out keeps the one stored; null forgets it. */
  async put(
    userId: string,
    dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponse> {
    const [row]: NotificationPreferencesResponse[] = await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, reminders, timezone)
       VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE
          SET reminders = EXCLUDED.reminders,
              timezone = CASE WHEN $4 THEN EXCLUDED.timezone ELSE notification_preferences.timezone END,
              updated_at = now()
       RETURNING reminders, timezone`,
      [userId, dto.reminders, dto.timezone ?? null, dto.timezone !== undefined],
    );
    return row;
  }
}
