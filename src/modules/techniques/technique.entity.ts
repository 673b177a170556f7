import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The catalog of massage techniques, seeded by a migration from the article in shared/seeds. */
@Entity('techniques')
@Check('CHK_techniques_intensity', `"intensity" IN ('gentle', 'moderate', 'firm')`)
export class Technique {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_techniques' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  intensity!: 'gentle' | 'moderate' | 'firm';

  @Column({ type: 'text', array: true })
  goodFor!: string[];

  @Column({ type: 'text', array: true })
  cautions!: string[];

  @Column({ type: 'int' })
  sortOrder!: number;
}
