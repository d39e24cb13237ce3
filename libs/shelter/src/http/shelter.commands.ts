import type { Role } from '@nrm/shared-kernel';
import { commandController, commandRoute } from '@nrm/platform/http';
import { changeShelterCapacity } from '../application/change-shelter-capacity';
import { onPlacement } from '../application/placement-commands';
import { registerShelter } from '../application/register-shelter';
import { requestPlacement } from '../application/request-placement';
import {
  ChangeCapacityDto,
  CheckOutPlacementDto,
  DeclinePlacementDto,
  NoBodyDto,
  RegisterShelterDto,
  RequestPlacementDto,
} from './shelter.dto';

const shelterResult = {
  description: "The shelter's new revision (also as ETag) and the global position, to pass as minPosition on reads",
  example: { shelterId: '3f0c…', revision: 1, position: '43' },
};

export const ShelterCommandsController = commandController('SheltersController', 'shelters', 'shelters', {
  register: commandRoute({
    name: 'RegisterShelter',
    path: '',
    roles: ['coordinator', 'admin'],
    body: RegisterShelterDto,
    ifMatch: false,
    location: (result) => `/shelters/${result.shelterId}`,
    summary: 'Register a shelter',
    description:
      'Operator organisation (its shelter staff answer placement requests), region, beds (1..500) and whom it ' +
      'accepts (women, men, children). Each shelter is a stream of its own: its beds are a consistency boundary.',
    response: shelterResult,
    execute: registerShelter,
  }),
  changeCapacity: commandRoute({
    name: 'ChangeShelterCapacity',
    path: ':id/capacity',
    roles: ['coordinator', 'admin', 'shelter-staff'],
    body: ChangeCapacityDto,
    summary: "Change a shelter's bed capacity",
    description:
      "Coordinators, admins and the operator's shelter staff (others 403). Never fewer beds than are taken " +
      '(409 capacity-below-occupancy). The same number of beds appends nothing. With If-Match (the ETag of ' +
      'GET /shelters/{id}), a shelter changed since is 412.',
    response: shelterResult,
    execute: changeShelterCapacity,
  }),
});

const placementRoles: Role[] = ['shelter-staff', 'coordinator'];
const placementResult = {
  description: "The shelter's new revision (also as ETag) and the global position, to pass as minPosition on reads",
  example: { shelterId: '3f0c…', placementId: '9b2e…', revision: 4, position: '57' },
};

/** Placements: requested for a case, answered and carried out by the shelter operator's staff. */
export const PlacementsController = commandController('PlacementsController', '', 'shelters', {
  request: commandRoute({
    name: 'RequestPlacement',
    path: 'cases/:id/placements',
    roles: ['case-worker', 'coordinator', 'first-responder', 'competent-authority-officer'],
    body: RequestPlacementDto,
    // The revision is the shelter's, while If-Match takes the case's: no ETag.
    etag: false,
    location: (result) => `/shelters/${result.shelterId}`,
    summary: 'Request a shelter placement for a case',
    description:
      "Decided on the shelter's stream. A child goes only to a shelter that accepts children (422 " +
      'shelter-accepts-children) and only once a guardian is appointed (422 guardian-before-placement); an adult ' +
      'woman or man only where women or men are accepted (422 shelter-accepts-women / shelter-accepts-men / ' +
      'shelter-accepts-adults); one open placement per case at a shelter (409 one-open-placement-per-shelter). ' +
      'A case the caller may not see is 404; a closed case 409. If-Match takes the ETag of the case.',
    response: {
      ...placementResult,
      example: { caseId: '7a1c…', shelterId: '3f0c…', placementId: '9b2e…', revision: 1, position: '44' },
    },
    execute: requestPlacement,
  }),
  accept: commandRoute({
    name: 'AcceptPlacement',
    path: 'placements/:id/accept',
    roles: placementRoles,
    body: NoBodyDto,
    summary: 'Accept a placement request: takes a bed',
    description:
      "The shelter operator's staff or a coordinator (others 403). Only a requested placement (409 " +
      'placement-requested); never more accepted or checked-in residents than beds, also when accepts race ' +
      '(409 shelter-full); never for a closed case (409 case-not-closed, also when the closure races the accept: ' +
      "the closure ends the case's placements) nor a child without a guardian (422 guardian-before-placement). " +
      'The placement is found on the write side: right after its request, never 404.',
    response: placementResult,
    execute: onPlacement((placementId) => (actor, now) => ({ type: 'AcceptPlacement', placementId, actor, now }), {
      takesBed: true,
    }),
  }),
  decline: commandRoute({
    name: 'DeclinePlacement',
    path: 'placements/:id/decline',
    roles: placementRoles,
    body: DeclinePlacementDto,
    summary: 'Decline a placement request, with a reason',
    description: 'Only a requested placement (409 placement-requested). Frees no bed (none was taken).',
    response: placementResult,
    execute: onPlacement(
      (placementId, { reason }: DeclinePlacementDto) =>
        (actor, now) => ({ type: 'DeclinePlacement', placementId, reason, actor, now }),
      { takesBed: false },
    ),
  }),
  checkIn: commandRoute({
    name: 'CheckInPlacement',
    path: 'placements/:id/check-in',
    roles: placementRoles,
    body: NoBodyDto,
    summary: 'Check the person in',
    description:
      'Only an accepted placement (409 check-in-needs-acceptance), of an open case (409 case-not-closed) with a ' +
      'guardian for a child (422 guardian-before-placement).',
    response: placementResult,
    execute: onPlacement((placementId) => (actor, now) => ({ type: 'CheckInPlacement', placementId, actor, now }), {
      takesBed: true,
    }),
  }),
  checkOut: commandRoute({
    name: 'CheckOutPlacement',
    path: 'placements/:id/check-out',
    roles: placementRoles,
    body: CheckOutPlacementDto,
    summary: 'Check the person out, with a reason and the date: frees the bed',
    description:
      'Only a checked-in resident (409 check-out-needs-check-in); the date neither in the future (422 ' +
      'checked-out-on-not-in-future) nor before the check-in (422 check-out-after-check-in).',
    response: placementResult,
    execute: onPlacement(
      (placementId, { reason, date }: CheckOutPlacementDto) =>
        (actor, now) => ({
          type: 'CheckOutPlacement',
          placementId,
          reason,
          date,
          actor,
          now,
        }),
      { takesBed: false },
    ),
  }),
});
