import type { EndpointDescriptions } from '@nrm/platform/http';
import type { SheltersController } from './shelters.controller';

/** The OpenAPI prose of the shelter commands (shelter.commands.ts): their answer and descriptions. */
export const SHELTER_COMMANDS_OPENAPI = {
  name: 'SheltersController',
  tag: 'shelters',
  response: {
    description: "The shelter's new revision (also as ETag) and the global position, to pass as minPosition on reads",
    example: { shelterId: '3f0c…', revision: 1, position: '43' },
  },
  descriptions: {
    register:
      'Operator organisation (its shelter staff answer placement requests), region, beds (1..500) and whom it ' +
      'accepts (women, men, children). Each shelter is a stream of its own: its beds are a consistency boundary.',
    changeCapacity:
      "Coordinators, admins and the operator's shelter staff (others 403). Never fewer beds than are taken " +
      '(409 capacity-below-occupancy). The same number of beds appends nothing. With If-Match (the ETag of ' +
      'GET /shelters/{id}), a shelter changed since is 412.',
  },
};

const PLACEMENT_RESULT = {
  description: "The shelter's new revision (also as ETag) and the global position, to pass as minPosition on reads",
  example: { shelterId: '3f0c…', placementId: '9b2e…', revision: 4, position: '57' },
};

/** The OpenAPI prose of the placement commands (shelter.commands.ts): answers and descriptions. */
export const PLACEMENTS_OPENAPI = {
  name: 'PlacementsController',
  tag: 'shelters',
  response: PLACEMENT_RESULT,
  responses: {
    request: {
      ...PLACEMENT_RESULT,
      example: { caseId: '7a1c…', shelterId: '3f0c…', placementId: '9b2e…', revision: 1, position: '44' },
    },
  },
  descriptions: {
    request:
      "Decided on the shelter's stream. A child goes only to a shelter that accepts children (422 " +
      'shelter-accepts-children) and only once a guardian is appointed (422 guardian-before-placement); an adult ' +
      'woman or man only where women or men are accepted (422 shelter-accepts-women / shelter-accepts-men / ' +
      'shelter-accepts-adults); one open placement per case at a shelter (409 one-open-placement-per-shelter). ' +
      'A case the caller may not see is 404; a closed case 409. If-Match takes the ETag of the case.',
    accept:
      "The shelter operator's staff or a coordinator (others 403). Only a requested placement (409 " +
      'placement-requested); never more accepted or checked-in residents than beds, also when accepts race ' +
      '(409 shelter-full); never for a closed case (409 case-not-closed, also when the closure races the accept: ' +
      "the closure ends the case's placements) nor a child without a guardian (422 guardian-before-placement). " +
      'The placement is found on the write side: right after its request, never 404.',
    decline: 'Only a requested placement (409 placement-requested). Frees no bed (none was taken).',
    checkIn:
      'Only an accepted placement (409 check-in-needs-acceptance), of an open case (409 case-not-closed) with a ' +
      'guardian for a child (422 guardian-before-placement).',
    checkOut:
      'Only a checked-in resident (409 check-out-needs-check-in); the date neither in the future (422 ' +
      'checked-out-on-not-in-future) nor before the check-in (422 check-out-after-check-in).',
  },
};

/** The long OpenAPI description of reading a shelter (shelters.controller.ts). */
export const SHELTERS_OPENAPI = {
  get:
    "ETag carries the shelter stream's revision, for If-Match. The operator's staff, coordinators and the " +
    'competent authority see every placement; others only those of the cases they see in full (owned by or ' +
    'referred to their organisation); admins none. Analysts: 403.',
} satisfies EndpointDescriptions<SheltersController>;
