import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Write side of placements (migration 1763742300000): the shelter and the case of each placement,
 * written by the request before its append. Not a read model: it never lags behind the request.
 */
@Entity({ name: 'placement_locations' })
export class PlacementLocationEntity {
  @PrimaryColumn('uuid', { name: 'placement_id' }) placementId!: string;
  @Column('uuid', { name: 'shelter_id' }) shelterId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
}
