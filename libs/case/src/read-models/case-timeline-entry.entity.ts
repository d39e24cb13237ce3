import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One readable line per event of a case: what happened, who did it, for which organisation, when. */
@Entity({ name: 'case_timeline_entries' })
export class CaseTimelineEntryEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  /** Revision within the stream the event was written to (`streamName`). */
  @Column('bigint', { transformer: bigintColumn }) revision!: bigint;
  @PrimaryColumn('bigint', { name: 'global_position', transformer: bigintColumn }) globalPosition!: bigint;
  @Column('text', { name: 'stream_name', nullable: true }) streamName!: string | null;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('text') summary!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text', { name: 'actor_name', nullable: true }) actorName!: string | null;
  @Column('text', { name: 'organisation_id' }) organisationId!: string;
  @Column('text', { name: 'organisation_type', nullable: true }) organisationType!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
}
