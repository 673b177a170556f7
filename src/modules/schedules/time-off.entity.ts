import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Therapist } from '../therapists/therapist.entity.js';

@Entity('time_off')
@Check('CHK_time_off_range', `"ends_at" > "starts_at"`)
@Index('IDX_time_off_therapist_range', ['therapistId', 'startsAt', 'endsAt'])
export class TimeOff {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_time_off' })
  id!: string;

  @Column({ type: 'uuid' })
  therapistId!: string;

  @ManyToOne(() => Therapist, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'therapist_id', foreignKeyConstraintName: 'FK_time_off_therapist' })
  therapist?: Therapist;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
