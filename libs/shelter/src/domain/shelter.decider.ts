import type { Sex } from '@nrm/case/domain';
import type {
  PlacementAccepted,
  PlacementCheckedIn,
  PlacementCheckedOut,
  PlacementDeclined,
  PlacementEndedByClosure,
  PlacementRequested,
  PlacementStatus,
  ShelterAccepts,
  ShelterCapacityChanged,
  ShelterEvent,
  ShelterRegistered,
} from './shelter.events';
import { type Actor, type Decider, decideByType, DomainRuleViolation } from '@nrm/shared-kernel';

/**
 * The shelter stream (DESIGN §3.4): one stream per shelter, because its beds are a consistency
 * boundary. Placements live on the shelter's stream, so "never over capacity" is decided on one
 * stream and holds under concurrent accepts (a conflicting append re-decides on the fresh state).
 *
 * The rules, all decided here before any event exists:
 * - register: beds 1..500 ('beds-within-range', 422); accepts someone ('shelter-accepts-someone',
 *   422); once ('shelter-registered-once', 409).
 * - every other command: the shelter is registered ('shelter-exists', 409).
 * - change capacity: beds 1..500 ('beds-within-range', 422); never fewer beds than are taken now
 *   ('capacity-below-occupancy', 409). The same number of beds appends nothing.
 * - request a placement (the case's facts come from the case stream, read by the handler):
 *   a child only to a shelter that accepts children ('shelter-accepts-children', 422), and only once
 *   a guardian is appointed ('guardian-before-placement', 422); an adult woman only where women are
 *   accepted ('shelter-accepts-women', 422), an adult man only where men are
 *   ('shelter-accepts-men', 422), an adult of other or unknown sex where adults are
 *   ('shelter-accepts-adults', 422); one open placement (requested, accepted or checked in) per
 *   case at a shelter ('one-open-placement-per-shelter', 409).
 * - accept: only a requested placement ('placement-requested', 409); never more accepted or
 *   checked-in residents than beds ('shelter-full', 409).
 * - decline: only a requested placement ('placement-requested', 409); frees nothing.
 * - check in: only an accepted placement ('check-in-needs-acceptance', 409).
 * - check out: only a checked-in placement ('check-out-needs-check-in', 409); the date is not in
 *   the future ('checked-out-on-not-in-future', 422) nor before the check-in
 *   ('check-out-after-check-in', 422). Frees the bed.
 * - every placement command: the placement belongs to this shelter ('placement-exists', 409) and was
 *   not ended by its case's closure ('case-not-closed', 409).
 * - end the placements of a closed case (the closure does it, never a person): every placement of
 *   the case here that is requested, accepted or checked in is ended, freeing the beds held; nothing
 *   when there is none. Decided on the shelter's stream, so an accept racing the closure either came
 *   first (its bed is freed) or is refused ('placement-requested').
 */

export const MIN_BEDS = 1;
export const MAX_BEDS = 500;

/** A date (YYYY-MM-DD) may be a day ahead of, or behind, the server's UTC date (Baku is UTC+4). */
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export interface Placement {
  placementId: string;
  caseId: string;
  personId: string;
  status: PlacementStatus;
  checkedInAt?: string;
}

export type ShelterState = { exists: false } | RegisteredShelter;

export interface RegisteredShelter {
  exists: true;
  shelterId: string;
  name: string;
  operatorOrgId: string;
  beds: number;
  accepts: ShelterAccepts[];
  placements: Record<string, Placement>;
}

/** Registers a shelter with the facts its registration records. */
export interface RegisterShelter extends Omit<ShelterRegistered['data'], 'registeredAt'> {
  type: 'RegisterShelter';
  actor: Actor;
  now: Date;
}

export interface ChangeShelterCapacity {
  type: 'ChangeShelterCapacity';
  beds: number;
  reason: string;
  actor: Actor;
  now: Date;
}

/** What the placement rules need to know about the case, read from the case stream. */
export interface CaseFacts {
  caseId: string;
  personId: string;
  isChild: boolean;
  guardianAppointed: boolean;
  sex: Sex;
}

export interface RequestPlacement {
  type: 'RequestPlacement';
  placementId: string;
  case: CaseFacts;
  needs: string[];
  actor: Actor;
  now: Date;
}

export interface AcceptPlacement {
  type: 'AcceptPlacement';
  placementId: string;
  actor: Actor;
  now: Date;
}

export interface DeclinePlacement {
  type: 'DeclinePlacement';
  placementId: string;
  reason: string;
  actor: Actor;
  now: Date;
}

export interface CheckInPlacement {
  type: 'CheckInPlacement';
  placementId: string;
  actor: Actor;
  now: Date;
}

export interface CheckOutPlacement {
  type: 'CheckOutPlacement';
  placementId: string;
  reason: string;
  /** YYYY-MM-DD. */
  date: string;
  actor: Actor;
  now: Date;
}

export interface EndPlacementsOfClosedCase {
  type: 'EndPlacementsOfClosedCase';
  caseId: string;
  actor: Actor;
  now: Date;
}

export type ShelterCommand =
  | EndPlacementsOfClosedCase
  | RegisterShelter
  | ChangeShelterCapacity
  | RequestPlacement
  | AcceptPlacement
  | DeclinePlacement
  | CheckInPlacement
  | CheckOutPlacement;

export const initialShelterState = (): ShelterState => ({ exists: false });

/** Beds taken: accepted placements (the bed is held) and residents checked in. */
export function occupiedBeds(state: RegisteredShelter): number {
  return Object.values(state.placements).filter((p) => p.status === 'accepted' || p.status === 'checked-in').length;
}

export function evolveShelter(state: ShelterState, event: ShelterEvent): ShelterState {
  if (event.type === 'ShelterRegistered') {
    return {
      exists: true,
      shelterId: event.data.shelterId,
      name: event.data.name,
      operatorOrgId: event.data.operatorOrgId,
      beds: event.data.beds,
      accepts: event.data.accepts,
      placements: {},
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ShelterCapacityChanged':
      return { ...state, beds: event.data.beds };
    case 'PlacementRequested':
      return withPlacement(state, {
        placementId: event.data.placementId,
        caseId: event.data.caseId,
        personId: event.data.personId,
        status: 'requested',
      });
    case 'PlacementAccepted':
      return withStatus(state, event.data.placementId, 'accepted');
    case 'PlacementDeclined':
      return withStatus(state, event.data.placementId, 'declined');
    case 'PlacementCheckedIn':
      return withStatus(state, event.data.placementId, 'checked-in', { checkedInAt: event.data.checkedInAt });
    case 'PlacementCheckedOut':
      return withStatus(state, event.data.placementId, 'checked-out');
    case 'PlacementEndedByClosure':
      return withStatus(state, event.data.placementId, 'ended');
  }
}

function withPlacement(state: RegisteredShelter, placement: Placement): RegisteredShelter {
  return { ...state, placements: { ...state.placements, [placement.placementId]: placement } };
}

function withStatus(
  state: RegisteredShelter,
  placementId: string,
  status: PlacementStatus,
  extra: Partial<Placement> = {},
): RegisteredShelter {
  const placement = state.placements[placementId];
  if (!placement) return state;
  return withPlacement(state, { ...placement, ...extra, status });
}

export const shelterDecider: Decider<ShelterState, ShelterCommand, ShelterEvent> = {
  initialState: initialShelterState,
  evolve: evolveShelter,
  decide: decideByType({
    RegisterShelter: registerShelter,
    ChangeShelterCapacity: changeCapacity,
    RequestPlacement: requestPlacement,
    AcceptPlacement: acceptPlacement,
    DeclinePlacement: declinePlacement,
    CheckInPlacement: checkIn,
    CheckOutPlacement: checkOut,
    EndPlacementsOfClosedCase: endPlacementsOfClosedCase,
  }),
};

function assertShelterExists(state: ShelterState): asserts state is RegisteredShelter {
  if (!state.exists) throw new DomainRuleViolation('shelter-exists', 'There is no such shelter', 'conflict');
}

function assertBedsInRange(beds: number): void {
  if (!Number.isInteger(beds) || beds < MIN_BEDS || beds > MAX_BEDS) {
    throw new DomainRuleViolation(
      'beds-within-range',
      `beds must be a whole number from ${MIN_BEDS} to ${MAX_BEDS}`,
      'unprocessable',
      'beds',
    );
  }
}

function registerShelter(command: RegisterShelter, state: ShelterState): ShelterRegistered {
  if (state.exists) {
    throw new DomainRuleViolation('shelter-registered-once', `Shelter ${command.shelterId} already exists`, 'conflict');
  }
  assertBedsInRange(command.beds);
  if (command.accepts.length === 0) {
    throw new DomainRuleViolation(
      'shelter-accepts-someone',
      'accepts must name whom the shelter takes in (women, men, children)',
      'unprocessable',
      'accepts',
    );
  }
  return {
    type: 'ShelterRegistered',
    data: {
      shelterId: command.shelterId,
      name: command.name,
      operatorOrgId: command.operatorOrgId,
      region: command.region,
      beds: command.beds,
      accepts: [...new Set(command.accepts)],
      registeredAt: command.now.toISOString(),
    },
  };
}

function changeCapacity(command: ChangeShelterCapacity, state: ShelterState): ShelterCapacityChanged[] {
  assertShelterExists(state);
  assertBedsInRange(command.beds);
  if (command.beds === state.beds) return [];
  const occupied = occupiedBeds(state);
  if (command.beds < occupied) {
    throw new DomainRuleViolation(
      'capacity-below-occupancy',
      `${occupied} bed(s) are taken: the shelter cannot have fewer than ${occupied} beds`,
      'conflict',
      'beds',
    );
  }
  return [
    {
      type: 'ShelterCapacityChanged',
      data: {
        shelterId: state.shelterId,
        beds: command.beds,
        previousBeds: state.beds,
        reason: command.reason,
        changedAt: command.now.toISOString(),
      },
    },
  ];
}

/** Whom the shelter must accept for this person: children, or adults by sex. */
function assertShelterTakes(state: RegisteredShelter, facts: CaseFacts): void {
  const takes = (whom: ShelterAccepts) => state.accepts.includes(whom);
  if (facts.isChild) {
    if (!takes('children')) {
      throw new DomainRuleViolation(
        'shelter-accepts-children',
        `${state.name} does not accept children: a child goes only to a shelter that accepts children`,
        'unprocessable',
        'shelterId',
      );
    }
    if (!facts.guardianAppointed) {
      throw new DomainRuleViolation(
        'guardian-before-placement',
        'A guardian must be appointed for the child before any placement',
        'unprocessable',
      );
    }
    return;
  }
  if (facts.sex === 'female' && !takes('women')) {
    throw new DomainRuleViolation(
      'shelter-accepts-women',
      `${state.name} does not accept women`,
      'unprocessable',
      'shelterId',
    );
  }
  if (facts.sex === 'male' && !takes('men')) {
    throw new DomainRuleViolation(
      'shelter-accepts-men',
      `${state.name} does not accept men`,
      'unprocessable',
      'shelterId',
    );
  }
  if (!takes('women') && !takes('men')) {
    throw new DomainRuleViolation(
      'shelter-accepts-adults',
      `${state.name} accepts children only`,
      'unprocessable',
      'shelterId',
    );
  }
}

function requestPlacement(command: RequestPlacement, state: ShelterState): PlacementRequested {
  assertShelterExists(state);
  const facts = command.case;
  assertShelterTakes(state, facts);
  const open = Object.values(state.placements).find(
    (p) =>
      p.caseId === facts.caseId && (p.status === 'requested' || p.status === 'accepted' || p.status === 'checked-in'),
  );
  if (open) {
    throw new DomainRuleViolation(
      'one-open-placement-per-shelter',
      `The case already has an open placement (${open.status}) at ${state.name}`,
      'conflict',
    );
  }
  return {
    type: 'PlacementRequested',
    data: {
      placementId: command.placementId,
      caseId: facts.caseId,
      shelterId: state.shelterId,
      shelterName: state.name,
      personId: facts.personId,
      needs: [...new Set(command.needs)],
      requestedAt: command.now.toISOString(),
    },
  };
}

function placementOf(state: ShelterState, placementId: string): [RegisteredShelter, Placement] {
  assertShelterExists(state);
  const placement = state.placements[placementId];
  if (!placement) {
    throw new DomainRuleViolation(
      'placement-exists',
      `There is no placement ${placementId} at this shelter`,
      'conflict',
    );
  }
  if (placement.status === 'ended') {
    throw new DomainRuleViolation(
      'case-not-closed',
      'The case of this placement is closed: its placements ended with the closure (reopen the case first)',
      'conflict',
    );
  }
  return [state, placement];
}

/** What every event of a placement names: the placement, its case and its shelter. */
function placementAt(shelter: RegisteredShelter, placement: Placement) {
  return {
    placementId: placement.placementId,
    caseId: placement.caseId,
    shelterId: shelter.shelterId,
    shelterName: shelter.name,
  };
}

/** A placement command applies to a placement in one status only (409 `rule` otherwise). */
function assertPlacementIs(placement: Placement, status: PlacementStatus, rule: string, onlyWhat: string): void {
  if (placement.status !== status) {
    throw new DomainRuleViolation(rule, `${onlyWhat}; this one is ${placement.status}`, 'conflict');
  }
}

function acceptPlacement(command: AcceptPlacement, state: ShelterState): PlacementAccepted {
  const [shelter, placement] = placementOf(state, command.placementId);
  assertPlacementIs(placement, 'requested', 'placement-requested', 'Only a requested placement can be accepted');
  if (occupiedBeds(shelter) >= shelter.beds) {
    throw new DomainRuleViolation(
      'shelter-full',
      `${shelter.name} is full: all ${shelter.beds} bed(s) are taken`,
      'conflict',
    );
  }
  return {
    type: 'PlacementAccepted',
    data: { ...placementAt(shelter, placement), acceptedAt: command.now.toISOString() },
  };
}

function declinePlacement(command: DeclinePlacement, state: ShelterState): PlacementDeclined {
  const [shelter, placement] = placementOf(state, command.placementId);
  assertPlacementIs(placement, 'requested', 'placement-requested', 'Only a requested placement can be declined');
  return {
    type: 'PlacementDeclined',
    data: {
      ...placementAt(shelter, placement),
      personId: placement.personId,
      reason: command.reason,
      declinedAt: command.now.toISOString(),
    },
  };
}

function checkIn(command: CheckInPlacement, state: ShelterState): PlacementCheckedIn {
  const [shelter, placement] = placementOf(state, command.placementId);
  assertPlacementIs(placement, 'accepted', 'check-in-needs-acceptance', 'Only an accepted placement can check in');
  return {
    type: 'PlacementCheckedIn',
    data: { ...placementAt(shelter, placement), checkedInAt: command.now.toISOString() },
  };
}

function checkOut(command: CheckOutPlacement, state: ShelterState): PlacementCheckedOut {
  const [shelter, placement] = placementOf(state, command.placementId);
  assertPlacementIs(placement, 'checked-in', 'check-out-needs-check-in', 'Only a checked-in resident can check out');
  const day = new Date(`${command.date}T00:00:00Z`).getTime();
  if (day > command.now.getTime() + ONE_DAY_MS) {
    throw new DomainRuleViolation('checked-out-on-not-in-future', 'date lies in the future', 'unprocessable', 'date');
  }
  const checkedInDay = placement.checkedInAt ? Date.parse(`${placement.checkedInAt.slice(0, 10)}T00:00:00Z`) : null;
  if (checkedInDay !== null && day < checkedInDay - ONE_DAY_MS) {
    throw new DomainRuleViolation(
      'check-out-after-check-in',
      `date lies before the check-in on ${placement.checkedInAt?.slice(0, 10)}`,
      'unprocessable',
      'date',
    );
  }
  return {
    type: 'PlacementCheckedOut',
    data: {
      ...placementAt(shelter, placement),
      personId: placement.personId,
      reason: command.reason,
      checkedOutOn: command.date,
      recordedAt: command.now.toISOString(),
    },
  };
}

/** Placement statuses the closure of their case ends: a request pending, a bed held, a stay. */
const OPEN_PLACEMENT_STATUSES: readonly PlacementStatus[] = ['requested', 'accepted', 'checked-in'];

function endPlacementsOfClosedCase(command: EndPlacementsOfClosedCase, state: ShelterState): PlacementEndedByClosure[] {
  if (!state.exists) return [];
  return Object.values(state.placements)
    .filter((placement) => placement.caseId === command.caseId && OPEN_PLACEMENT_STATUSES.includes(placement.status))
    .map((placement) => ({
      type: 'PlacementEndedByClosure',
      data: {
        ...placementAt(state, placement),
        previousStatus: placement.status,
        endedAt: command.now.toISOString(),
      },
    }));
}
