import { type CommandRoute, commandRoute, givenFields } from '@nrm/platform/http';
import { onPlacement, type PlacementCommandResult } from '../application/placement-commands';
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

type PlacementRoute<Name extends string, Body extends object> = Omit<
  CommandRoute<Body, PlacementCommandResult>,
  'execute'
> & {
  readonly name: Name;
  /** An accept or a check-in: it takes or uses a bed, so the case's rules are checked first. */
  readonly takesBed: boolean;
};

/**
 * Routes on the placement of the path (:id), like a track's (trackRoutes): the command is named like the
 * route and holds the body's fields, which the compiler checks against that command.
 */
export const placement = {
  commandRoute: <Name extends PlacementCommand['type'], Body extends FieldsOf<Name>>({
    takesBed,
    ...route
  }: PlacementRoute<Name, Body>) =>
    commandRoute({
      ...route,
      execute: onPlacement(
        (placementId, body: Body) => (actor, now) =>
          // Body's constraint makes this the command `Name`; the compiler cannot follow it into the union.
          ({ type: route.name, placementId, ...givenFields(body), actor, now }) as unknown as ShelterCommand,
        { takesBed },
      ),
    }),
};
