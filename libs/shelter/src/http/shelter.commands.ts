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
  name: 'SheltersController',
  prefix: 'shelters',
  tag: 'shelters',
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
  name: 'PlacementsController',
  prefix: '',
  tag: 'shelters',
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
    accept: placement.commandRoute({
      name: 'AcceptPlacement',
      path: 'placements/:id/accept',
      body: NoBodyDto,
      summary: 'Accept a placement request: takes a bed',
      takesBed: true,
    }),
    decline: placement.commandRoute({
      name: 'DeclinePlacement',
      path: 'placements/:id/decline',
      body: DeclinePlacementDto,
      summary: 'Decline a placement request, with a reason',
      takesBed: false,
    }),
    checkIn: placement.commandRoute({
      name: 'CheckInPlacement',
      path: 'placements/:id/check-in',
      body: NoBodyDto,
      summary: 'Check the person in',
      takesBed: true,
    }),
    checkOut: placement.commandRoute({
      name: 'CheckOutPlacement',
      path: 'placements/:id/check-out',
      body: CheckOutPlacementDto,
      summary: 'Check the person out, with a reason and the date: frees the bed',
      takesBed: false,
    }),
  },
});
