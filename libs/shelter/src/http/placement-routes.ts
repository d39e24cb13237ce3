import type { Type } from '@nestjs/common';
import { awaitingSummary, givenFields } from '@nrm/platform/http';
import { onPlacement } from '../application/placement-commands';
import type {
  AcceptPlacement,
  CheckInPlacement,
  CheckOutPlacement,
  DeclinePlacement,
  ShelterCommand,
} from '../domain/shelter.decider';

type PlacementCommand = AcceptPlacement | DeclinePlacement | CheckInPlacement | CheckOutPlacement;

/** What a body states of the placement command `Name`: all but the placement (the path's), actor and time. */
type FieldsOf<Name extends PlacementCommand['type']> = Omit<
  Extract<PlacementCommand, { type: Name }>,
  'type' | 'placementId' | 'actor' | 'now'
>;

/**
 * Routes on the placement of the path (:id), like a track's (trackRoutes): the command is named like the
 * route and holds the body's fields, which the compiler checks against that command. `takesBed`: an
 * accept or a check-in takes or uses a bed, so the case's rules are checked first.
 */
export const placement = {
  route: <Name extends PlacementCommand['type'], Body extends FieldsOf<Name>>(
    name: Name,
    path: string,
    body: Type<Body>,
    { takesBed }: { takesBed: boolean },
  ) =>
    awaitingSummary({
      name,
      path,
      body,
      execute: onPlacement(
        (placementId, given: Body) => (actor, now) =>
          // Body's constraint makes this the command `Name`; the compiler cannot follow it into the union.
          ({ type: name, placementId, ...givenFields(given), actor, now }) as unknown as ShelterCommand,
        { takesBed },
      ),
    }),
};
