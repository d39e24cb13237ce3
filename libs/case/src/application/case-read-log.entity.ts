import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One read of a case's personal data: who (user, organisation), when, through which endpoint.
 * Written by CaseReadAudit in the request; append-only (the database rejects UPDATE, DELETE and
 * TRUNCATE). Not a read model: no projection owns it and a rebuild leaves it as it is.
 */
@Entity({ name: 'case_read_log' })
export class CaseReadLogEntity {
  /** Given by the database (bigint identity; pg returns it as a string). */
  @PrimaryGeneratedColumn('identity', { name: 'read_id', type: 'bigint', generatedIdentity: 'ALWAYS' }) readId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** The route template, e.g. `GET /cases/{id}`. */
  @Column('text') endpoint!: string;
  @Column('text', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'user_name', nullable: true }) userName!: string | null;
  @Column('text', { name: 'organisation_id' }) organisationId!: string;
  @Column('text', { name: 'organisation_type', nullable: true }) organisationType!: string | null;
  @Column('timestamptz', { name: 'read_at' }) readAt!: Date;
  /** A historical read: the instant the case was shown as of (null: as it is now). */
  @Column('timestamptz', { name: 'as_of', nullable: true }) asOf!: Date | null;
}
