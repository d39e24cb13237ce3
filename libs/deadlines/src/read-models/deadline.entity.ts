import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per deadline (migration 1763741500000-deadlines): the deadline board and the
 * scheduler's source of truth, written by the deadlines projection alone. What the scheduler did
 * is in `deadline_job_steps` (migration 1763742530000), which a rebuild keeps.
 */
@Entity({ name: 'deadlines' })
export class DeadlineEntity {
  /** `<kind>.<caseId>` or `<kind>.<caseId>.<reference>`; never ':'. */
  @PrimaryColumn('text', { name: 'deadline_id' }) deadlineId!: string;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** periodId / placementId / review, when the kind can occur more than once for a case. */
  @Column('text', { nullable: true }) reference!: string | null;
  @Column('text', { name: 'responsible_organisation_id' }) responsibleOrganisationId!: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  /** open | met | expired | cancelled (see `late` and `closed_reason`). */
  @Column('text') status!: string;
  /** When it was met, expired or cancelled (a met deadline: when it was met). */
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  /** Met after it fell due (closed_at > due_at): a late hand-over stays late. */
  @Column('boolean') late!: boolean;
  /** Why a deadline was cancelled: 'case-closed' or 'consent-withdrawn'; null otherwise. */
  @Column('text', { name: 'closed_reason', nullable: true }) closedReason!: string | null;
  /** Increments whenever due_at moves: a job made for an older version does nothing. */
  @Column('integer') version!: number;
  /** Global position of the last event that changed the row (replays change nothing). */
  @Column('bigint', { name: 'updated_position', transformer: bigintColumn }) updatedPosition!: bigint;
}
