import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { fullyVisibleCasesCondition } from '@nrm/case';
import { type Actor, NotFoundError } from '@nrm/shared-kernel';
import { Repository } from 'typeorm';
import { PlacementEntity } from '../read-models/placement.entity';
import { ShelterEntity } from '../read-models/shelter.entity';

/** Roles that may read shelters (every role but analysts, who get statistics only). */
export const SHELTER_READER_ROLES = [
  'first-responder',
  'competent-authority-officer',
  'shelter-staff',
  'case-worker',
  'coordinator',
  'admin',
] as const;

export interface ShelterFilters {
  region?: string;
  accepts?: string;
  /** true: only shelters with at least one free bed. */
  hasFreeBeds?: boolean;
  page: number;
  pageSize: number;
}

export class ListSheltersQuery {
  constructor(readonly filters: ShelterFilters) {}
}

export class GetShelterQuery {
  constructor(
    readonly shelterId: string,
    readonly actor: Actor,
  ) {}
}

export type ShelterListItem = ReturnType<typeof toShelterListItem>;
export type ShelterView = ShelterListItem & { placements: ReturnType<typeof toPlacementView>[] };

@QueryHandler(ListSheltersQuery)
export class ListSheltersHandler implements IQueryHandler<ListSheltersQuery> {
  constructor(@InjectRepository(ShelterEntity) private readonly shelters: Repository<ShelterEntity>) {}

  async execute({ filters }: ListSheltersQuery) {
    const query = this.shelters.createQueryBuilder('s').where('true');
    if (filters.region) query.andWhere('s.region = :region', { region: filters.region });
    if (filters.accepts) query.andWhere(':accepts = ANY(s.accepts)', { accepts: filters.accepts });
    if (filters.hasFreeBeds === true) query.andWhere('s.occupied < s.beds');
    if (filters.hasFreeBeds === false) query.andWhere('s.occupied >= s.beds');
    const [rows, total] = await query
      .orderBy('s.region', 'ASC')
      .addOrderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
    return { items: rows.map(toShelterListItem), page: filters.page, pageSize: filters.pageSize, total };
  }
}

/**
 * One shelter with its placements as its staff need them. Need to know: the operator's staff,
 * coordinators and the competent authority see every placement of the shelter; anyone else only the
 * placements of the cases they see in full (case-access.ts; admins none: they see no case).
 */
@QueryHandler(GetShelterQuery)
export class GetShelterHandler implements IQueryHandler<GetShelterQuery, ShelterView> {
  constructor(
    @InjectRepository(ShelterEntity) private readonly shelters: Repository<ShelterEntity>,
    @InjectRepository(PlacementEntity) private readonly placements: Repository<PlacementEntity>,
  ) {}

  async execute({ shelterId, actor }: GetShelterQuery): Promise<ShelterView> {
    const shelter = await this.shelters.findOne({ where: { id: shelterId } });
    if (!shelter) throw new NotFoundError(`Shelter ${shelterId} not found`);
    const query = this.placements
      .createQueryBuilder('p')
      .where('p.shelter_id = :shelterId', { shelterId })
      .orderBy('p.requested_at', 'ASC')
      .addOrderBy('p.placement_id', 'ASC');
    const visible = seesEveryPlacement(shelter, actor) ? null : fullyVisibleCasesCondition(actor, 'c');
    if (visible) query.innerJoin('case_summaries', 'c', 'c.case_id = p.case_id').andWhere(visible.sql, visible.params);
    const placements = await query.getMany();
    return { ...toShelterListItem(shelter), placements: placements.map(toPlacementView) };
  }
}

function seesEveryPlacement(shelter: ShelterEntity, actor: Actor): boolean {
  if (actor.roles.some((r) => r === 'coordinator' || r === 'competent-authority-officer')) return true;
  return actor.roles.includes('shelter-staff') && actor.organisationId === shelter.operatorOrgId;
}

function toShelterListItem(row: ShelterEntity) {
  return {
    id: row.id,
    name: row.name,
    operatorOrgId: row.operatorOrgId,
    region: row.region,
    accepts: row.accepts,
    beds: row.beds,
    occupied: row.occupied,
    freeBeds: Math.max(0, row.beds - row.occupied),
    revision: Number(row.revision),
    registeredAt: row.registeredAt.toISOString(),
  };
}

function toPlacementView(row: PlacementEntity) {
  return {
    placementId: row.placementId,
    caseId: row.caseId,
    status: row.status,
    needs: row.needs,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    checkedOutAt: row.checkedOutAt?.toISOString() ?? null,
    checkedOutOn: row.checkedOutOn,
    reason: row.reason,
    revision: Number(row.revision),
  };
}
