import { type PersonalDataErased, readBy, type ReadRules } from '@nrm/case';
import type { PlacementRequested, PlacementStatus, ShelterEvent, ShelterRegistered } from '../domain/shelter.events';
import type { DecodedEvent, DecodedEventOf } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import { PlacementEntity } from './placement.entity';
import { ShelterEntity } from './shelter.entity';

export const SHELTERS_PROJECTION = 'shelters';

/** What an event does to the shelters' tables, in the projection's transaction. */
type SheltersChange = (manager: EntityManager) => Promise<void>;

/** The statuses of a placement that holds a bed: its end frees it. */
const BED_HELD: readonly PlacementStatus[] = ['accepted', 'checked-in'];

/**
 * How each event changes the shelters and their placements. A placement event moves its shelter
 * (and the beds taken) and its placement; PersonalDataErased, on the case stream, empties the reasons
 * of that person's placements.
 */
const SHELTERS_RULES: ReadRules<ShelterEvent | PersonalDataErased, SheltersChange> = {
  ShelterRegistered: (event) => (m) => registerShelter(m, event),
  ShelterCapacityChanged: (event) => async (m) => {
    await moveShelter(m, event, event.data.shelterId, { beds: event.data.beds });
  },
  PlacementRequested: (event) => async (m) => {
    if (await moveShelter(m, event, event.data.shelterId)) await insertPlacement(m, event);
  },
  PlacementAccepted: (event) =>
    movePlacement(event, +1, { status: 'accepted', decidedAt: new Date(event.data.acceptedAt) }),
  PlacementDeclined: (event) =>
    movePlacement(event, 0, {
      status: 'declined',
      decidedAt: new Date(event.data.declinedAt),
      reason: reasonOf(event),
    }),
  PlacementCheckedIn: (event) =>
    movePlacement(event, 0, { status: 'checked-in', checkedInAt: new Date(event.data.checkedInAt) }),
  PlacementCheckedOut: (event) =>
    movePlacement(event, -1, {
      status: 'checked-out',
      checkedOutAt: new Date(event.data.recordedAt),
      checkedOutOn: event.data.checkedOutOn,
      reason: reasonOf(event),
    }),
  PlacementEndedByClosure: (event) =>
    movePlacement(event, BED_HELD.includes(event.data.previousStatus) ? -1 : 0, { status: 'ended' }),
  PersonalDataErased: (event) => (m) => eraseReasons(m, event.data.caseId),
};

/**
 * Shelters with their free beds, and the placements of each shelter. Every event of a shelter
 * stream moves the shelter row's revision, and a row only takes events newer than its revision,
 * so a replayed event changes nothing (the occupied count is never counted twice).
 */
export class SheltersProjection implements Projection {
  readonly name = SHELTERS_PROJECTION;
  readonly tables = ['shelters', 'placements'];

  handles(eventType: string): boolean {
    return Object.hasOwn(SHELTERS_RULES, eventType);
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) await readBy(SHELTERS_RULES, event)(manager);
  }
}

async function registerShelter(m: EntityManager, { data, revision, metadata }: DecodedEventOf<ShelterRegistered>) {
  await m
    .createQueryBuilder()
    .insert()
    .into(ShelterEntity)
    .values({
      id: data.shelterId,
      name: data.name,
      operatorOrgId: data.operatorOrgId,
      region: data.region,
      beds: data.beds,
      occupied: 0,
      accepts: data.accepts,
      revision,
      registeredAt: new Date(data.registeredAt),
      updatedAt: new Date(metadata.occurredAt),
    })
    .orIgnore()
    .execute();
}

async function insertPlacement(m: EntityManager, { data, revision }: DecodedEventOf<PlacementRequested>) {
  await m
    .createQueryBuilder()
    .insert()
    .into(PlacementEntity)
    .values({
      placementId: data.placementId,
      shelterId: data.shelterId,
      caseId: data.caseId,
      status: 'requested',
      needs: data.needs,
      requestedAt: new Date(data.requestedAt),
      decidedAt: null,
      checkedInAt: null,
      checkedOutAt: null,
      checkedOutOn: null,
      reason: null,
      revision,
    })
    .orIgnore()
    .execute();
}

/** The reason of a decline or a check-out: personal data, gone once the person's data is erased. */
function reasonOf(event: DecodedEvent<{ reason?: string }>): string | null {
  return event.personalDataErased ? null : (event.data.reason ?? null);
}

/**
 * A placement event: its shelter moves (the beds taken change by `occupiedDelta`) and, unless the
 * event was applied before, its placement changes.
 */
function movePlacement(
  event: DecodedEvent<{ shelterId: string; placementId: string }>,
  occupiedDelta: number,
  change: Partial<PlacementEntity>,
): SheltersChange {
  return async (m) => {
    if (!(await moveShelter(m, event, event.data.shelterId, {}, occupiedDelta))) return;
    await m
      .createQueryBuilder()
      .update(PlacementEntity)
      .set({ ...change, revision: event.revision })
      .where('placement_id = :placementId AND revision < :revision', {
        placementId: event.data.placementId,
        revision: event.revision.toString(),
      })
      .execute();
  };
}

/**
 * Moves the shelter row to the event's revision (and changes it) only when the event is newer:
 * false for an event applied before, which then changes nothing at all.
 */
async function moveShelter(
  m: EntityManager,
  event: Pick<DecodedEvent, 'revision' | 'metadata'>,
  shelterId: string,
  change: Partial<Pick<ShelterEntity, 'beds'>> = {},
  occupiedDelta = 0,
): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(ShelterEntity)
    .set({
      ...change,
      occupied: () => `occupied + (${occupiedDelta})`,
      revision: event.revision,
      updatedAt: new Date(event.metadata.occurredAt),
    })
    .where('id = :shelterId AND revision < :revision', { shelterId, revision: event.revision.toString() })
    .execute();
  return (result.affected ?? 0) > 0;
}

/**
 * Erasure by legal order: the free-text reasons (personal data) of the case's placements are
 * emptied. Idempotent; a rebuild reads those events with the key destroyed, so they stay empty.
 */
async function eraseReasons(m: EntityManager, caseId: string) {
  await m
    .createQueryBuilder()
    .update(PlacementEntity)
    .set({ reason: null })
    .where('case_id = :caseId AND reason IS NOT NULL', { caseId })
    .execute();
}
