import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per shelter: what GET /shelters lists, with its free beds. Idempotent by `revision`. */
@Entity({ name: 'shelters' })
export class ShelterEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'operator_org_id' }) operatorOrgId!: string;
  @Column('text') region!: string;
  @Column('integer') beds!: number;
  /** Beds taken: accepted placements and residents checked in. */
  @Column('integer') occupied!: number;
  @Column('text', { array: true }) accepts!: string[];
  /** The shelter stream's revision of the last event applied: the shelter's ETag. */
  @Column('bigint', { transformer: bigintColumn }) revision!: bigint;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
