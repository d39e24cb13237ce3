import type { PersonalDataErased } from '@nrm/case/domain';
import type {
  PlacementAccepted,
  PlacementCheckedIn,
  PlacementCheckedOut,
  PlacementDeclined,
  PlacementEndedByClosure,
  PlacementRequested,
  ShelterCapacityChanged,
  ShelterEvent,
  ShelterRegistered,
} from '../domain/shelter.events';
import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import { PlacementEntity } from './placement.entity';
import { ShelterEntity } from './shelter.entity';

export const SHELTERS_PROJECTION = 'shelters';

const HANDLED: ReadonlySet<string> = new Set<ShelterEvent['type'] | PersonalDataErased['type']>([
  'ShelterRegistered',
  'ShelterCapacityChanged',
  'PlacementRequested',
  'PlacementAccepted',
  'PlacementDeclined',
  'PlacementCheckedIn',
  'PlacementCheckedOut',
  'PlacementEndedByClosure',
  // On the case stream: the person's data is erased, so the reasons of their placements go.
  'PersonalDataErased',
]);

/**
 * Shelters with their free beds, and the placements of each shelter. Every event of a shelter
 * stream moves the shelter row's revision, and a row only takes events newer than its revision,
 * so a replayed event changes nothing (the occupied count is never counted twice).
 */
export class SheltersProjection implements Projection {
  readonly name = SHELTERS_PROJECTION;
  readonly tables = ['shelters', 'placements'];

  handles(eventType: string): boolean {
    return HANDLED.has(eventType);
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) await this.applyOne(event, manager);
  }

  private async applyOne(event: DecodedEvent, manager: EntityManager): Promise<void> {
    if (event.type === 'PersonalDataErased') return this.erased(manager, event.data as PersonalDataErased['data']);
    const at = new Date(event.metadata.occurredAt);
    const typed = { type: event.type, data: event.data } as unknown as ShelterEvent;
    switch (typed.type) {
      case 'ShelterRegistered':
        return this.registered(manager, event, typed.data, at);
      case 'ShelterCapacityChanged':
        return this.capacityChanged(manager, event, typed.data, at);
      case 'PlacementRequested':
        return this.requested(manager, event, typed.data, at);
      case 'PlacementAccepted':
        return this.accepted(manager, event, typed.data, at);
      case 'PlacementDeclined':
        return this.declined(manager, event, typed.data, at);
      case 'PlacementCheckedIn':
        return this.checkedIn(manager, event, typed.data, at);
      case 'PlacementCheckedOut':
        return this.checkedOut(manager, event, typed.data, at);
      case 'PlacementEndedByClosure':
        return this.endedByClosure(manager, event, typed.data, at);
    }
  }

  private async registered(m: EntityManager, e: DecodedEvent, d: ShelterRegistered['data'], at: Date) {
    await m
      .createQueryBuilder()
      .insert()
      .into(ShelterEntity)
      .values({
        id: d.shelterId,
        name: d.name,
        operatorOrgId: d.operatorOrgId,
        region: d.region,
        beds: d.beds,
        occupied: 0,
        accepts: d.accepts,
        revision: e.revision,
        registeredAt: new Date(d.registeredAt),
        updatedAt: at,
      })
      .orIgnore()
      .execute();
  }

  private async capacityChanged(m: EntityManager, e: DecodedEvent, d: ShelterCapacityChanged['data'], at: Date) {
    await this.moveShelter(m, e, d.shelterId, at, { beds: d.beds });
  }

  private async requested(m: EntityManager, e: DecodedEvent, d: PlacementRequested['data'], at: Date) {
    if (!(await this.moveShelter(m, e, d.shelterId, at, {}))) return;
    await m
      .createQueryBuilder()
      .insert()
      .into(PlacementEntity)
      .values({
        placementId: d.placementId,
        shelterId: d.shelterId,
        caseId: d.caseId,
        status: 'requested',
        needs: d.needs,
        requestedAt: new Date(d.requestedAt),
        decidedAt: null,
        checkedInAt: null,
        checkedOutAt: null,
        checkedOutOn: null,
        reason: null,
        revision: e.revision,
      })
      .orIgnore()
      .execute();
  }

  private async accepted(m: EntityManager, e: DecodedEvent, d: PlacementAccepted['data'], at: Date) {
    if (!(await this.moveShelter(m, e, d.shelterId, at, {}, +1))) return;
    await this.movePlacement(m, e, d.placementId, { status: 'accepted', decidedAt: new Date(d.acceptedAt) });
  }

  private async declined(m: EntityManager, e: DecodedEvent, d: PlacementDeclined['data'], at: Date) {
    if (!(await this.moveShelter(m, e, d.shelterId, at, {}))) return;
    await this.movePlacement(m, e, d.placementId, {
      status: 'declined',
      decidedAt: new Date(d.declinedAt),
      reason: e.personalDataErased ? null : (d.reason ?? null),
    });
  }

  private async checkedIn(m: EntityManager, e: DecodedEvent, d: PlacementCheckedIn['data'], at: Date) {
    if (!(await this.moveShelter(m, e, d.shelterId, at, {}))) return;
    await this.movePlacement(m, e, d.placementId, { status: 'checked-in', checkedInAt: new Date(d.checkedInAt) });
  }

  private async checkedOut(m: EntityManager, e: DecodedEvent, d: PlacementCheckedOut['data'], at: Date) {
    if (!(await this.moveShelter(m, e, d.shelterId, at, {}, -1))) return;
    await this.movePlacement(m, e, d.placementId, {
      status: 'checked-out',
      checkedOutAt: new Date(d.recordedAt),
      checkedOutOn: d.checkedOutOn,
      reason: e.personalDataErased ? null : (d.reason ?? null),
    });
  }

  private async endedByClosure(m: EntityManager, e: DecodedEvent, d: PlacementEndedByClosure['data'], at: Date) {
    const freed = d.previousStatus === 'accepted' || d.previousStatus === 'checked-in' ? -1 : 0;
    if (!(await this.moveShelter(m, e, d.shelterId, at, {}, freed))) return;
    await this.movePlacement(m, e, d.placementId, { status: 'ended' });
  }

  /**
   * Erasure by legal order: the free-text reasons (personal data) of the case's placements are
   * emptied. Idempotent; a rebuild reads those events with the key destroyed, so they stay empty.
   */
  private async erased(m: EntityManager, d: PersonalDataErased['data']) {
    await m
      .createQueryBuilder()
      .update(PlacementEntity)
      .set({ reason: null })
      .where('case_id = :caseId AND reason IS NOT NULL', { caseId: d.caseId })
      .execute();
  }

  /**
   * Moves the shelter row to the event's revision (and changes it) only when the event is newer:
   * false for an event applied before, which then changes nothing at all.
   */
  private async moveShelter(
    m: EntityManager,
    e: DecodedEvent,
    shelterId: string,
    at: Date,
    change: Partial<Pick<ShelterEntity, 'beds'>>,
    occupiedDelta = 0,
  ): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(ShelterEntity)
      .set({ ...change, occupied: () => `occupied + (${occupiedDelta})`, revision: e.revision, updatedAt: at })
      .where('id = :shelterId AND revision < :revision', { shelterId, revision: e.revision.toString() })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async movePlacement(
    m: EntityManager,
    e: DecodedEvent,
    placementId: string,
    change: Partial<PlacementEntity>,
  ) {
    await m
      .createQueryBuilder()
      .update(PlacementEntity)
      .set({ ...change, revision: e.revision })
      .where('placement_id = :placementId AND revision < :revision', {
        placementId,
        revision: e.revision.toString(),
      })
      .execute();
  }
}
