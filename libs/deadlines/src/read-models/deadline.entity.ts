import { bigintColumn } from '@nrm/platform/database/bigint-column';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per deadline (migration 1763741500000-deadlines): the deadline board and the
 * scheduler's source of truth. Written by the deadlines projection; the scheduler only sets
 * `escalated_at`, `fired_steps` and `last_reminded_at`.
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
  @Column('timestamptz', { name: 'escalated_at', nullable: true }) escalatedAt!: Date | null;
  /** Steps whose effect happened ('remind-72h', 'remind-24h', 'remind-75pct', 'due'). */
  @Column('text', { name: 'fired_steps', array: true }) firedSteps!: string[];
  /** The scheduler's: when the last reminder went out, whatever the version (not reset by a move). */
  @Column('timestamptz', { name: 'last_reminded_at', nullable: true }) lastRemindedAt!: Date | null;
  /** Global position of the last event that changed the row (replays change nothing). */
  @Column('bigint', { name: 'updated_position', transformer: bigintColumn }) updatedPosition!: bigint;
}
