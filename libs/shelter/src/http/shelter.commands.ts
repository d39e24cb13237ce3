import { commandController, commandRoute, NoBodyDto } from '@nrm/platform/http';
import { changeShelterCapacity } from '../application/change-shelter-capacity';
import { registerShelter } from '../application/register-shelter';
import { requestPlacement } from '../application/request-placement';
import {
  ChangeCapacityDto,
  CheckOutPlacementDto,
  DeclinePlacementDto,
  RegisterShelterDto,
  RequestPlacementDto,
} from './shelter.dto';
import { placement } from './placement-routes';
import { PLACEMENTS_OPENAPI, SHELTER_COMMANDS_OPENAPI } from './shelter.openapi';

export const ShelterCommandsController = commandController({
  prefix: 'shelters',
  ...SHELTER_COMMANDS_OPENAPI,
  routes: {
    register: commandRoute({
      name: 'RegisterShelter',
      path: '',
      roles: ['coordinator', 'admin'],
      body: RegisterShelterDto,
      ifMatch: false,
      location: (result) => `/shelters/${result.shelterId}`,
      summary: 'Register a shelter',
      execute: registerShelter,
    }),
    changeCapacity: commandRoute({
      name: 'ChangeShelterCapacity',
      path: ':id/capacity',
      roles: ['coordinator', 'admin', 'shelter-staff'],
      body: ChangeCapacityDto,
      summary: "Change a shelter's bed capacity",
      execute: changeShelterCapacity,
    }),
  },
});

/** Placements: requested for a case, answered and carried out by the shelter operator's staff. */
export const PlacementsController = commandController({
  prefix: '',
  roles: ['shelter-staff', 'coordinator'],
  ...PLACEMENTS_OPENAPI,
  routes: {
    request: commandRoute({
      name: 'RequestPlacement',
      path: 'cases/:id/placements',
      roles: ['case-worker', 'coordinator', 'first-responder', 'competent-authority-officer'],
      body: RequestPlacementDto,
      // The revision is the shelter's, while If-Match takes the case's: no ETag.
      etag: false,
      location: (result) => `/shelters/${result.shelterId}`,
      summary: 'Request a shelter placement for a case',
      execute: requestPlacement,
    }),
    accept: placement
      .route('AcceptPlacement', 'placements/:id/accept', NoBodyDto, { takesBed: true })
      .summary('Accept a placement request: takes a bed'),
    decline: placement
      .route('DeclinePlacement', 'placements/:id/decline', DeclinePlacementDto, { takesBed: false })
      .summary('Decline a placement request, with a reason'),
    checkIn: placement
      .route('CheckInPlacement', 'placements/:id/check-in', NoBodyDto, { takesBed: true })
      .summary('Check the person in'),
    checkOut: placement
      .route('CheckOutPlacement', 'placements/:id/check-out', CheckOutPlacementDto, { takesBed: false })
      .summary('Check the person out, with a reason and the date: frees the bed'),
  },
});
