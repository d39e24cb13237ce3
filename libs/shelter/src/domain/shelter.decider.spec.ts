import type { ShelterEvent } from './shelter.events';
import { deciderSpec, shelterStaff } from '@nrm/shared-kernel/testing';
import { type CaseFacts, type RegisterShelter, type ShelterCommand, shelterDecider } from './shelter.decider';

const now = new Date('2026-11-21T10:00:00Z');
const { given, stateAfter } = deciderSpec(shelterDecider);

/** The shelter of every spec here, as registered; a registration event carries it as it is. */
const shelter = { shelterId: 'shelter-1', name: 'Bakı Sığınacağı', operatorOrgId: 'ngo-tamas', region: 'Bakı' };

const register = (overrides: Partial<RegisterShelter> = {}): RegisterShelter => ({
  type: 'RegisterShelter',
  ...shelter,
  beds: 2,
  accepts: ['women', 'children'],
  actor: shelterStaff,
  now,
  ...overrides,
});

const registered = (overrides: Partial<RegisterShelter> = {}): ShelterEvent =>
  shelterDecider.decide(register(overrides), shelterDecider.initialState())[0];

const adultWoman = (caseId = 'case-1'): CaseFacts => ({
  caseId,
  personId: `person-of-${caseId}`,
  isChild: false,
  guardianAppointed: false,
  sex: 'female',
});

/** What every event of a placement names (as PlacementOfCase): the placement, its case, the shelter. */
const placementOfCase = (placementId: string, caseId: string) => ({
  placementId,
  caseId,
  shelterId: 'shelter-1',
  shelterName: 'Bakı Sığınacağı',
});
/** … and, in the events that hold or start personal data, the person the case is about. */
const placementOfPerson = (placementId: string, caseId: string) => ({
  ...placementOfCase(placementId, caseId),
  personId: `person-of-${caseId}`,
});
const at = now.toISOString();

const requested = (placementId: string, caseId = 'case-1', needs: string[] = []): ShelterEvent => ({
  type: 'PlacementRequested',
  data: { ...placementOfPerson(placementId, caseId), needs, requestedAt: at },
});
const accepted = (placementId: string, caseId = 'case-1'): ShelterEvent => ({
  type: 'PlacementAccepted',
  data: { ...placementOfCase(placementId, caseId), acceptedAt: at },
});
const checkedIn = (placementId: string, caseId = 'case-1'): ShelterEvent => ({
  type: 'PlacementCheckedIn',
  data: { ...placementOfCase(placementId, caseId), checkedInAt: at },
});
const checkedOut = (placementId: string, caseId = 'case-1'): ShelterEvent => ({
  type: 'PlacementCheckedOut',
  data: {
    ...placementOfPerson(placementId, caseId),
    reason: 'moved to family',
    checkedOutOn: '2026-11-21',
    recordedAt: at,
  },
});
const declined = (placementId: string, caseId = 'case-1'): ShelterEvent => ({
  type: 'PlacementDeclined',
  data: { ...placementOfPerson(placementId, caseId), reason: 'no room for her needs', declinedAt: at },
});

/** The events a placement (p-1 of case-1 unless said) goes through to reach a status. */
const PLACEMENT_STEPS = {
  requested: [requested],
  accepted: [requested, accepted],
  'checked-in': [requested, accepted, checkedIn],
  'checked-out': [requested, accepted, checkedIn, checkedOut],
  declined: [requested, declined],
};
type StatusReached = keyof typeof PLACEMENT_STEPS;
const placement = (status: StatusReached, placementId = 'p-1', caseId = 'case-1'): ShelterEvent[] =>
  PLACEMENT_STEPS[status].map((step) => step(placementId, caseId));

/** A shelter of `beds` beds with the placements given (each one's events), and p-waiting's request to answer. */
const awaitingAnswer = (beds: number, ...placements: ShelterEvent[][]): ShelterEvent[] => [
  registered({ beds }),
  ...placements.flat(),
  requested('p-waiting', 'case-waiting'),
];

const request = (facts: CaseFacts = adultWoman(), placementId = 'p-1'): ShelterCommand => ({
  type: 'RequestPlacement',
  placementId,
  case: facts,
  needs: ['medical-care', 'medical-care', 'interpreter'],
  actor: shelterStaff,
  now,
});
const accept = (placementId = 'p-1'): ShelterCommand => ({
  type: 'AcceptPlacement',
  placementId,
  actor: shelterStaff,
  now,
});
const decline = (placementId = 'p-1'): ShelterCommand => ({
  type: 'DeclinePlacement',
  placementId,
  reason: 'no room for her needs',
  actor: shelterStaff,
  now,
});
const checkIn = (placementId = 'p-1'): ShelterCommand => ({
  type: 'CheckInPlacement',
  placementId,
  actor: shelterStaff,
  now,
});
const checkOut = (date = '2026-11-21', placementId = 'p-1'): ShelterCommand => ({
  type: 'CheckOutPlacement',
  placementId,
  reason: 'moved to family',
  date,
  actor: shelterStaff,
  now,
});
const changeCapacity = (beds: number): ShelterCommand => ({
  type: 'ChangeShelterCapacity',
  beds,
  reason: 'new wing',
  actor: shelterStaff,
  now,
});

describe('Shelter decider: registration and capacity', () => {
  it('registers a shelter with its operator, region, beds and whom it accepts', () =>
    given([])
      .when(register({ accepts: ['women', 'women', 'children'] }))
      .then([
        {
          type: 'ShelterRegistered',
          data: { ...shelter, beds: 2, accepts: ['women', 'children'], registeredAt: now.toISOString() },
        },
      ]));

  it('refuses to register a shelter twice', () =>
    given([registered()]).when(register()).thenRuleBroken('shelter-registered-once'));
  it('refuses 0 beds', () =>
    given([])
      .when(register({ beds: 0 }))
      .thenRuleBroken('beds-within-range'));
  it('refuses more than 500 beds', () =>
    given([])
      .when(register({ beds: 501 }))
      .thenRuleBroken('beds-within-range'));
  it('refuses a shelter that accepts nobody', () =>
    given([])
      .when(register({ accepts: [] }))
      .thenRuleBroken('shelter-accepts-someone'));

  it('changes the capacity', () =>
    given([registered()])
      .when(changeCapacity(5))
      .then([
        {
          type: 'ShelterCapacityChanged',
          data: {
            shelterId: 'shelter-1',
            beds: 5,
            previousBeds: 2,
            reason: 'new wing',
            changedAt: now.toISOString(),
          },
        },
      ]));

  it('appends nothing when the capacity stays the same', () => given([registered()]).when(changeCapacity(2)).then([]));

  it('refuses fewer beds than are taken', () =>
    given([registered(), ...placement('accepted'), ...placement('accepted', 'p-2', 'case-2')])
      .when(changeCapacity(1))
      .thenRuleBroken('capacity-below-occupancy'));

  it('allows as few beds as are taken', () =>
    given([registered({ beds: 3 }), ...placement('accepted')])
      .when(changeCapacity(1))
      .then((events) => expect(events).toHaveLength(1)));

  it('refuses a capacity change of a shelter that does not exist', () =>
    given([]).when(changeCapacity(3)).thenRuleBroken('shelter-exists'));
  it('refuses a capacity out of range', () =>
    given([registered()]).when(changeCapacity(0)).thenRuleBroken('beds-within-range'));
});

describe('Shelter decider: requesting a placement', () => {
  it('records the request with the case, needs (once each) and time', () =>
    given([registered()])
      .when(request())
      .then([requested('p-1', 'case-1', ['medical-care', 'interpreter'])]));

  it('refuses a shelter that does not exist', () => given([]).when(request()).thenRuleBroken('shelter-exists'));

  it('places a child with a guardian at a shelter that accepts children', () =>
    given([registered()])
      .when(request({ ...adultWoman(), isChild: true, guardianAppointed: true, sex: 'male' }))
      .then((events) => expect(events[0].type).toBe('PlacementRequested')));

  it('refuses a child at a shelter that does not accept children', () =>
    given([registered({ accepts: ['women'] })])
      .when(request({ ...adultWoman(), isChild: true, guardianAppointed: true }))
      .thenRuleBroken('shelter-accepts-children'));

  it('refuses a child without an appointed guardian', () =>
    given([registered()])
      .when(request({ ...adultWoman(), isChild: true, guardianAppointed: false }))
      .thenRuleBroken('guardian-before-placement'));

  it('refuses a woman at a shelter that does not accept women', () =>
    given([registered({ accepts: ['men'] })])
      .when(request())
      .thenRuleBroken('shelter-accepts-women'));

  it('refuses a man at a shelter that does not accept men', () =>
    given([registered()])
      .when(request({ ...adultWoman(), sex: 'male' }))
      .thenRuleBroken('shelter-accepts-men'));

  it('refuses an adult of unknown sex at a shelter for children only', () =>
    given([registered({ accepts: ['children'] })])
      .when(request({ ...adultWoman(), sex: 'unknown' }))
      .thenRuleBroken('shelter-accepts-adults'));

  it('refuses a second open request for the same case at the shelter', () =>
    given([registered(), requested('p-1')])
      .when(request(adultWoman(), 'p-2'))
      .thenRuleBroken('one-open-placement-per-shelter'));

  it('refuses a new request while the person lives there', () =>
    given([registered(), ...placement('checked-in')])
      .when(request(adultWoman(), 'p-2'))
      .thenRuleBroken('one-open-placement-per-shelter'));

  it('takes a new request once the earlier one was declined', () =>
    given([registered(), ...placement('declined')])
      .when(request(adultWoman(), 'p-2'))
      .then((events) => expect(events).toHaveLength(1)));
});

describe('Shelter decider: answering and carrying out a placement', () => {
  it('accepts a requested placement while a bed is free', () =>
    given([registered(), requested('p-1')])
      .when(accept())
      .then([accepted('p-1', 'case-1')]));

  it('refuses an accept when every bed is taken (accepted or checked in)', () =>
    given(awaitingAnswer(2, placement('accepted'), placement('checked-in', 'p-2', 'case-2')))
      .when(accept('p-waiting'))
      .thenRuleBroken('shelter-full'));

  it('a check-out frees the bed', () =>
    given(awaitingAnswer(1, placement('checked-out')))
      .when(accept('p-waiting'))
      .then((events) => expect(events[0].type).toBe('PlacementAccepted')));

  it('a decline frees nothing: the bed taken stays taken', () =>
    given(awaitingAnswer(1, placement('accepted'), placement('declined', 'p-2', 'case-2')))
      .when(accept('p-waiting'))
      .thenRuleBroken('shelter-full'));

  it('a capacity increase makes room', () => {
    const twoBeds: ShelterEvent = {
      type: 'ShelterCapacityChanged',
      data: { shelterId: 'shelter-1', beds: 2, previousBeds: 1, reason: 'x', changedAt: now.toISOString() },
    };
    given(awaitingAnswer(1, placement('accepted'), [twoBeds]))
      .when(accept('p-waiting'))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('refuses an unknown placement', () =>
    given([registered()]).when(accept('p-x')).thenRuleBroken('placement-exists'));

  it('declines a requested placement, with the reason', () =>
    given([registered(), requested('p-1')])
      .when(decline())
      .then([declined('p-1', 'case-1')]));

  it('checks in an accepted placement', () =>
    given([registered(), ...placement('accepted')])
      .when(checkIn())
      .then((events) =>
        expect(events[0]).toMatchObject({ type: 'PlacementCheckedIn', data: { checkedInAt: now.toISOString() } }),
      ));

  it('checks out a resident, with reason and date', () =>
    given([registered(), ...placement('checked-in')])
      .when(checkOut('2026-11-21'))
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'PlacementCheckedOut',
          data: { placementId: 'p-1', caseId: 'case-1', reason: 'moved to family', checkedOutOn: '2026-11-21' },
        }),
      ));

  // What a placement refuses in each status it has reached (p-1, the one each command is about).
  it.each<[string, StatusReached, ShelterCommand, string]>([
    ['refuses to accept twice', 'accepted', accept(), 'placement-requested'],
    ['refuses to accept a declined placement', 'declined', accept(), 'placement-requested'],
    ['refuses to decline an accepted placement', 'accepted', decline(), 'placement-requested'],
    ['refuses a check-in without acceptance', 'requested', checkIn(), 'check-in-needs-acceptance'],
    ['refuses a second check-in', 'checked-in', checkIn(), 'check-in-needs-acceptance'],
    ['refuses a check-out of someone not checked in', 'accepted', checkOut(), 'check-out-needs-check-in'],
    ['refuses a check-out dated in the future', 'checked-in', checkOut('2026-12-01'), 'checked-out-on-not-in-future'],
    ['refuses a check-out dated before the check-in', 'checked-in', checkOut('2026-11-01'), 'check-out-after-check-in'],
  ])('%s', (_, status, command, rule) =>
    given([registered(), ...placement(status)])
      .when(command)
      .thenRuleBroken(rule),
  );
});

describe('Shelter decider: the closure of a case ends its placements', () => {
  const endOf = (caseId = 'case-1'): ShelterCommand => ({
    type: 'EndPlacementsOfClosedCase',
    caseId,
    actor: shelterStaff,
    now,
  });

  it('ends every open placement of the case here (requested, accepted, checked in), and no other', () =>
    given([
      registered({ beds: 3 }),
      ...placement('requested'),
      ...placement('accepted', 'p-2'),
      ...placement('checked-in', 'p-3'),
      ...placement('accepted', 'p-4', 'case-2'),
    ])
      .when(endOf())
      .then((events) =>
        expect(
          events.map((e) => [e.type, (e.data as { placementId: string; previousStatus: string }).previousStatus]),
        ).toEqual([
          ['PlacementEndedByClosure', 'requested'],
          ['PlacementEndedByClosure', 'accepted'],
          ['PlacementEndedByClosure', 'checked-in'],
        ]),
      ));

  it('frees the beds held: the ended placements no longer count', () => {
    const events = [registered({ beds: 1 }), ...placement('accepted')];
    const ended = shelterDecider.decide(endOf(), stateAfter(events));
    given([...events, ...ended, requested('p-2', 'case-2')])
      .when(accept('p-2'))
      .then(([event]) => expect(event.type).toBe('PlacementAccepted'));
  });

  it('ends nothing when the case has no open placement here', () =>
    given([registered(), ...placement('declined')])
      .when(endOf())
      .then([]));

  it("refuses every command on a placement its case's closure ended", () => {
    const events = [registered(), requested('p-1')];
    given([...events, ...shelterDecider.decide(endOf(), stateAfter(events))])
      .when(accept('p-1'))
      .thenRuleBroken('case-not-closed');
  });
});
