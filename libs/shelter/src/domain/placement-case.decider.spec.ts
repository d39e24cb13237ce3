import type {
  CaseClosed,
  CaseEvent,
  GuardianAppointed,
  PlacementBedReleased,
  PlacementBedReserved,
} from '@nrm/case/domain';
import { caseOpened, SPEC_NOW } from '@nrm/case/testing/case-fixtures';
import type { Actor } from '@nrm/shared-kernel';
import { deciderSpec } from '@nrm/shared-kernel/testing/decider-spec';
import { type PlacementCaseCommand, placementCaseDecider } from './placement-case.decider';

const now = SPEC_NOW;
const staff: Actor = {
  userId: 'staff-1',
  name: 'Shelter Staff',
  organisationId: 'ngo-tamas',
  organisationType: 'ngo',
  roles: ['shelter-staff'],
};
const { given } = deciderSpec(placementCaseDecider);

const opened = caseOpened();
const openedChild = caseOpened({ isChild: true, ageAtIdentification: 15 });
const closed: CaseClosed = {
  type: 'CaseClosed',
  data: { caseId: 'case-1', reason: 'lost-contact', stageBeforeClosure: 'identification', closedAt: now.toISOString() },
};
const guardian: GuardianAppointed = {
  type: 'GuardianAppointed',
  data: {
    caseId: 'case-1',
    personId: 'person-1',
    guardianName: 'Leyla Həsənova',
    appointedBy: 'guardianship-baku',
    appointedOn: '2026-11-21',
  },
};
const reserved: PlacementBedReserved = {
  type: 'PlacementBedReserved',
  data: {
    caseId: 'case-1',
    placementId: 'placement-1',
    shelterId: 'shelter-1',
    shelterName: 'Ümid',
    reservedAt: now.toISOString(),
  },
};
const released = (reason: PlacementBedReleased['data']['reason']): PlacementBedReleased => ({
  type: 'PlacementBedReleased',
  data: { caseId: 'case-1', placementId: 'placement-1', shelterId: 'shelter-1', reason, releasedAt: now.toISOString() },
});

const reserve: PlacementCaseCommand = {
  type: 'ReserveBed',
  placementId: 'placement-1',
  shelterId: 'shelter-1',
  shelterName: 'Ümid',
  actor: staff,
  now,
};
const check: PlacementCaseCommand = { type: 'CheckCaseForPlacement', actor: staff, now };
const release = (reason: PlacementBedReleased['data']['reason']): PlacementCaseCommand => ({
  type: 'ReleaseBed',
  placementId: 'placement-1',
  reason,
  actor: staff,
  now,
});

const bedsHeldAfter = (events: CaseEvent[]) => {
  const state = events.reduce(placementCaseDecider.evolve, placementCaseDecider.initialState());
  return state.exists ? state.placements.bedsHeld : null;
};

describe('Placement on the case stream: reserving a bed', () => {
  it('reserves a bed for an open adult case', () =>
    given([opened])
      .when(reserve)
      .then((events) => expect(events).toEqual([reserved])));

  it('refuses a closed case: a closed case refuses every command but reopen', () =>
    given([opened, closed]).when(reserve).thenRuleBroken('case-not-closed'));

  it('refuses a case that does not exist', () => given([]).when(reserve).thenRuleBroken('case-exists'));

  it("refuses a child's case without a guardian", () =>
    given([openedChild]).when(reserve).thenRuleBroken('guardian-before-placement'));

  it("reserves for a child's case once a guardian is appointed", () =>
    given([openedChild, guardian])
      .when(reserve)
      .then(([event]) => expect(event.type).toBe('PlacementBedReserved')));

  it('checks a check-in by the same rules, appending nothing', () => {
    given([opened, reserved])
      .when(check)
      .then((events) => expect(events).toEqual([]));
    given([opened, closed]).when(check).thenRuleBroken('case-not-closed');
  });
});

describe('Placement on the case stream: giving a bed back', () => {
  it('releases a held bed after a check-out', () =>
    given([opened, reserved])
      .when(release('checked-out'))
      .then((events) => expect(events).toEqual([released('checked-out')])));

  it('releases nothing when no bed is held', () =>
    given([opened])
      .when(release('declined'))
      .then((events) => expect(events).toEqual([])));

  it('a refused accept gives back only its own reservation: a concurrent accept that won still holds the bed', () => {
    expect(bedsHeldAfter([opened, reserved, reserved, released('acceptance-refused')])).toMatchObject({
      'placement-1': { reservations: 1 },
    });
    expect(bedsHeldAfter([opened, reserved, released('acceptance-refused')])).toEqual({});
  });

  it('a check-out frees the bed whatever the reservations', () =>
    expect(bedsHeldAfter([opened, reserved, reserved, released('checked-out')])).toEqual({}));
});
