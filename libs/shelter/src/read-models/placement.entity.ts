import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per placement, as shelter staff work through them. Idempotent by `revision`. */
@Entity({ name: 'placements' })
export class PlacementEntity {
  @PrimaryColumn('uuid', { name: 'placement_id' }) placementId!: string;
  @Column('uuid', { name: 'shelter_id' }) shelterId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** requested | accepted | declined | checked-in | checked-out | ended (its case was closed) */
  @Column('text') status!: string;
  @Column('text', { array: true }) needs!: string[];
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  /** When it was accepted or declined. */
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('timestamptz', { name: 'checked_in_at', nullable: true }) checkedInAt!: Date | null;
  /** When the check-out was recorded; `checkedOutOn` is the day the person left. */
  @Column('timestamptz', { name: 'checked_out_at', nullable: true }) checkedOutAt!: Date | null;
  @Column('date', { name: 'checked_out_on', nullable: true }) checkedOutOn!: string | null;
  /** Reason of a decline or check-out (personal data: null once erased). */
  @Column('text', { nullable: true }) reason!: string | null;
  /** The shelter stream's revision of the last event applied to this placement. */
  @Column('bigint', { transformer: bigintColumn }) revision!: bigint;
}
