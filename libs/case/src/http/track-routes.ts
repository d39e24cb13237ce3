import type { Type } from '@nestjs/common';
import { awaitingSummary, type CommandResponse, givenFields, type RouteOptions } from '@nrm/platform/http';
import type { Decider } from '@nrm/shared-kernel';
import type { CaseCommandResult } from '../application/case-commands';
import { type DeciderCommand, onVisibleCase, type RequestedCommand } from '../application/case-command';
import type { CaseEvent } from '../tracks';
import type { CaseState } from '../tracks/case-state';

/** The fields of the decider's command `Name`, as a body gives them. */
type FieldsOf<Command extends DeciderCommand, Name extends Command['type']> = Omit<
  Extract<RequestedCommand<Command>, { type: Name }>,
  'type'
>;

/**
 * A track's routes on the path's case, which the actor must see (onVisibleCase). Usually a route's
 * command is named like the route and is the body's given fields: `referral.route('ReferCase', path,
 * ReferCaseDto).summary('…')`, where the compiler checks that the body has the fields of the decider's
 * command `ReferCase`. A route whose command is not its body as given states it with `onCase`:
 * `commandRoute({ ..., execute: referral.onCase((body: StatusDecisionDto) => command) })`.
 */
export function trackRoutes<Command extends DeciderCommand>(decider: Decider<CaseState, Command, CaseEvent>) {
  const onCase = onVisibleCase(decider);
  return {
    onCase,
    route: <Name extends Command['type'], Body extends FieldsOf<Command, Name>>(
      name: Name,
      path: string,
      body: Type<Body>,
      options: RouteOptions<Body, CaseCommandResult> = {},
    ) =>
      awaitingSummary({
        name,
        path,
        body,
        ...options,
        // Body's constraint makes this the decider's command `Name`; the compiler cannot follow it into the union.
        execute: onCase(
          (given: Body) => ({ type: name, ...givenFields(given) }) as unknown as RequestedCommand<Command>,
        ),
      }),
  };
}

/** A case command's documented answer: the new revision and the event's position, with an example of both. */
export function caseCommandAnswer(description: string, revision: number, position: string): CommandResponse {
  return { description, example: { caseId: '7a1c…', revision, position } };
}

/** How a free-text field of a case command is documented: it is personal data, whatever it says. */
export const PERSONAL_FREE_TEXT =
  "Free text: treated as personal data (encrypted under the case's key, erased with the person's data).";
