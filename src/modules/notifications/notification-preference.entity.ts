import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** What a user chose to hear and how; a user without a row gets the defaults (reminders on). */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_notification_preferences' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_preferences_user' })
  user?: User;

  @Column({ type: 'boolean', default: true })
  reminders!: boolean;

  /** IANA time zone the user reads times in; messages show sessions in it. Null: not known. */
  @Column({ type: 'text', nullable: true })
  timezone!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
