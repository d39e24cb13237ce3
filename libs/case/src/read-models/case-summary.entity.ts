import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DimensionScreening, IdentificationCircumstances, PersonalIdentity } from '../tracks';
import type { CaseTracks } from './case-tracks';

/** One row per case: what lists, filters and GET /cases/{id} show. Idempotent by `revision`. */
@Entity({ name: 'case_summaries' })
export class CaseSummaryEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'case_number' }) caseNumber!: string;
  @Column('bigint', { transformer: bigintColumn }) revision!: bigint;
  /** Derived from the tracks (case-tracks.ts stageOf). */
  @Column('text') stage!: string;
  @Column('text') status!: string;
  @Column('text', { name: 'organisation_id' }) organisationId!: string;
  /** The organisation the case was referred to (CaseReferred.competentAuthorityOrgId): its case workers see it. */
  @Column('text', { name: 'referred_to_organisation_id', nullable: true }) referredToOrganisationId!: string | null;
  @Column('text', { name: 'opening_organisation_type' }) openingOrganisationType!: string;
  @Column('uuid', { name: 'person_id' }) personId!: string;
  /** Null once the person's data is erased. */
  @Column('jsonb', { nullable: true }) person!: PersonalIdentity | null;
  @Column('boolean', { name: 'personal_data_erased' }) personalDataErased!: boolean;
  @Column('text') sex!: string;
  @Column('integer', { name: 'age_at_identification' }) ageAtIdentification!: number;
  @Column('boolean', { name: 'is_child' }) isChild!: boolean;
  @Column('text') citizenship!: string;
  @Column('jsonb') identification!: IdentificationCircumstances;
  @Column('text', { name: 'exploitation_types', array: true }) exploitationTypes!: string[];
  @Column('text', { name: 'indicator_catalogue_version' }) indicatorCatalogueVersion!: string;
  @Column('text', { name: 'indicator_codes', array: true }) indicatorCodes!: string[];
  @Column('jsonb', { name: 'indicator_screening' }) indicatorScreening!: DimensionScreening[];
  @Column('text', { name: 'urgent_needs', array: true }) urgentNeeds!: string[];
  @Column('boolean', { name: 'consent_to_referral' }) consentToReferral!: boolean;
  @Column('text', { nullable: true }) narrative!: string | null;
  @Column('timestamptz', { name: 'next_deadline_at', nullable: true }) nextDeadlineAt!: Date | null;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('jsonb', { name: 'opened_by' }) openedBy!: { userId: string; name?: string; organisationId: string };
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** Every track of the case (case-tracks.ts): what the case page shows. */
  @Column('jsonb') tracks!: CaseTracks;
  /** The tracks the case is in now (filter `track`). */
  @Column('text', { name: 'active_tracks', array: true }) activeTracks!: string[];
}
