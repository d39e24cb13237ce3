import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per approval (migration 1763742580000-approvals), written by the approvals projection. */
@Entity({ name: 'approvals' })
export class ApprovalEntity {
  @PrimaryColumn('uuid', { name: 'approval_id' }) approvalId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'case_number' }) caseNumber!: string;
  @Column('text', { name: 'command_type' }) commandType!: string;
  /** pending | granted | rejected */
  @Column('text') status!: string;
  /** The command as stated (personal data): null once erased. */
  @Column('jsonb', { nullable: true }) command!: Record<string, unknown> | null;
  /** The organisation responsible for the case (follows a transfer while pending): its supervisors decide. */
  @Column('text', { name: 'approver_organisation_id' }) approverOrganisationId!: string;
  @Column('text', { name: 'requested_by_user_id' }) requestedByUserId!: string;
  @Column('text', { name: 'requested_by_name' }) requestedByName!: string;
  @Column('text', { name: 'requested_by_organisation_id' }) requestedByOrganisationId!: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text', { name: 'decided_by_user_id', nullable: true }) decidedByUserId!: string | null;
  @Column('text', { name: 'decided_by_name', nullable: true }) decidedByName!: string | null;
  /** Why it was rejected (personal data): null otherwise, and once erased. */
  @Column('text', { name: 'rejection_reason', nullable: true }) rejectionReason!: string | null;
  @Column('boolean', { name: 'personal_data_erased' }) personalDataErased!: boolean;
  @Column('bigint', { name: 'updated_position', transformer: bigintColumn }) updatedPosition!: bigint;
}
