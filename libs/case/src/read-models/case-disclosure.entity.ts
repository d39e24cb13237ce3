import { bigintColumn } from '@nrm/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One disclosure of a case's data to another organisation (referral, transfer, placement, child-
 * protection notification): who received which categories of data, when, and who disclosed it.
 * A read model of the `case-disclosures` projection, one row per event (its global position).
 */
@Entity({ name: 'case_disclosures' })
export class CaseDisclosureEntity {
  @PrimaryColumn('bigint', { name: 'global_position', transformer: bigintColumn }) globalPosition!: bigint;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('text') kind!: string;
  @Column('text', { name: 'recipient_organisation_id' }) recipientOrganisationId!: string;
  @Column('text', { name: 'recipient_organisation_type', nullable: true }) recipientOrganisationType!: string | null;
  @Column('text', { name: 'shelter_id', nullable: true }) shelterId!: string | null;
  @Column('text', { name: 'shelter_name', nullable: true }) shelterName!: string | null;
  @Column('text', { name: 'placement_id', nullable: true }) placementId!: string | null;
  @Column('text', { array: true }) categories!: string[];
  @Column('text', { name: 'disclosed_by_user_id' }) disclosedByUserId!: string;
  @Column('text', { name: 'disclosed_by_name', nullable: true }) disclosedByName!: string | null;
  @Column('text', { name: 'disclosed_by_organisation_id' }) disclosedByOrganisationId!: string;
  @Column('text', { name: 'disclosed_by_organisation_type', nullable: true }) disclosedByOrganisationType!:
    string | null;
  @Column('timestamptz', { name: 'disclosed_at' }) disclosedAt!: Date;
}

/** The operator of each shelter, as the `case-disclosures` projection knows it from ShelterRegistered. */
@Entity({ name: 'case_disclosure_shelters' })
export class CaseDisclosureShelterEntity {
  @PrimaryColumn('text', { name: 'shelter_id' }) shelterId!: string;
  @Column('text', { name: 'operator_org_id' }) operatorOrgId!: string;
}
