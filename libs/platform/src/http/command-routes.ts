import { applyDecorators, Body, HttpCode, Param, ParseUUIDPipe, Post, type Type } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import type { Role } from '@nrm/shared-kernel';
import { type CommandDefinition, CommandPipeline, isPendingApproval } from '../commands/command-pipeline';
import { CommandEndpoint, CommandRequest, CommandResponder } from './command-request';
import { ApiController, Endpoint } from './endpoints';

/** What a route hands its command: the path's :id (empty on a path without one) and the validated body. */
export interface CommandRouteInput<Body> {
  id: string;
  body: Body;
}

/** The documented answer of a command: its description and an example. */
export interface CommandResponse {
  readonly description: string;
  readonly example: object;
}

/** A command as a POST endpoint: its route, who may call it, its body and its OpenAPI summary. */
export interface CommandRoute<
  Body extends object,
  Result extends { revision: number | bigint | string },
> extends CommandDefinition<CommandRouteInput<Body>, Result> {
  /** Under the controller's prefix, e.g. ':id/referral'. */
  readonly path: string;
  /** Default: the controller's roles. */
  readonly roles?: readonly Role[];
  /** The DTO class (class-validator) the body is validated against. */
  readonly body: Type<Body>;
  /** false: the command creates its stream, so it takes no If-Match. */
  readonly ifMatch?: boolean;
  /** A created resource: 201 with this Location (200 otherwise). */
  readonly location?: (result: Result) => string;
  /** false: the result's revision is not of the stream the caller addressed, so no ETag. */
  readonly etag?: boolean;
  readonly summary: string;
  /** Documents a 404: what the path's :id may not name. */
  readonly notFound?: string;
  /** Documents a 409 the route answers besides a stale If-Match. */
  readonly conflict?: string;
}

/** The body of a command that takes none: any field sent is refused as unknown. */
export class NoBodyDto {}

/** Declares a route, its types inferred from the body class and the execute function. */
export function commandRoute<Body extends object, Result extends { revision: number | bigint | string }>(
  route: CommandRoute<Body, Result>,
): CommandRoute<Body, Result> {
  return route;
}

/** A route but for its OpenAPI summary, which completes it: `referral.route(name, path, body).summary('…')`. */
export interface RouteAwaitingSummary<Body extends object, Result extends { revision: number | bigint | string }> {
  summary(text: string): CommandRoute<Body, Result>;
}

/** What a usual route may state beyond its name, path and body (roles, If-Match, Location, …). */
export type RouteOptions<Body extends object, Result extends { revision: number | bigint | string }> = Omit<
  CommandRoute<Body, Result>,
  'name' | 'path' | 'body' | 'summary' | 'execute'
>;

/** `route` as a RouteAwaitingSummary: the row helpers of the tracks and placements build on it. */
export function awaitingSummary<Body extends object, Result extends { revision: number | bigint | string }>(
  route: Omit<CommandRoute<Body, Result>, 'summary'>,
): RouteAwaitingSummary<Body, Result> {
  return { summary: (summary) => ({ ...route, summary }) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route has its own body and result
type AnyCommandRoute = CommandRoute<any, any>;

/** A map by route key: a key that is not one of the routes fails to compile. */
type ByRouteKey<Map, Routes> = Map & Record<Exclude<keyof Map, keyof Routes>, never>;

/**
 * How a group of routes shows in the OpenAPI document, kept beside them in the folder's `*.openapi.ts`:
 * its tag, its name, the answer its routes document (`response`, unless `responses` names another) and
 * their long descriptions.
 */
export interface CommandOpenApi<Routes, Descriptions, Responses> {
  /** Its class name: OpenAPI's operationIds are `<name>_<route key>`. */
  readonly name: string;
  /** Its OpenAPI tag. */
  readonly tag: string;
  readonly response?: CommandResponse;
  readonly responses?: ByRouteKey<Responses, Routes>;
  readonly descriptions?: ByRouteKey<Descriptions, Routes>;
}

/** A group of routes as one controller; `roles` is the routes' own unless they say otherwise. */
export interface CommandControllerDefinition<Routes, Descriptions, Responses> extends CommandOpenApi<
  Routes,
  Descriptions,
  Responses
> {
  readonly prefix: string;
  readonly roles?: readonly Role[];
  readonly routes: Routes;
}

/**
 * A Nest controller with one POST method per route, named by its key. The decorators hand-written
 * controllers repeated are applied here, with `design:paramtypes` naming the body class so the
 * validation pipe checks it. Each method answers through the responder (Idempotency-Key, If-Match,
 * ETag, Location) and runs its command through the CommandPipeline.
 */
export function commandController<
  Routes extends Record<string, AnyCommandRoute>,
  Descriptions extends { readonly [Key in keyof Routes]?: string },
  Responses extends { readonly [Key in keyof Routes]?: CommandResponse },
>(controller: CommandControllerDefinition<Routes, Descriptions, Responses>): Type {
  const { name, prefix, tag, routes } = controller;
  @ApiController(prefix, tag)
  class GeneratedCommandController {
    constructor(
      readonly pipeline: CommandPipeline,
      readonly responder: CommandResponder,
    ) {}
  }
  Object.defineProperty(GeneratedCommandController, 'name', { value: name });
  const prototype = GeneratedCommandController.prototype as unknown as Record<string, unknown>;
  for (const [key, route] of Object.entries(routes)) {
    const roles = route.roles ?? controller.roles;
    const response = controller.responses?.[key] ?? controller.response;
    if (!roles || !response)
      throw new Error(`${name}.${key}: no roles or response, neither its own nor the controller's`);
    const takesId = `${prefix}/${route.path}`.includes(':id');
    const handle = async function (
      this: GeneratedCommandController,
      body: object,
      command: CommandRequest,
      id = '',
    ): Promise<unknown> {
      const result = await this.responder.respond(
        command,
        body,
        (context) => this.pipeline.run(route, { id, body }, context),
        {
          ...(route.location ? { location: route.location } : {}),
          ...(route.etag === false ? { etag: false } : {}),
        },
      );
      // Decided from the result, so a repeat with the same Idempotency-Key answers alike.
      if (isPendingApproval(result)) {
        command.response.status(202);
        command.response.setHeader('Location', `/approvals/${result.approvalId}`);
      }
      return result;
    };
    // OpenAPI names the operation (and reads its parameter types) by the method's own name.
    prototype[key] = Object.defineProperty(handle, 'name', { value: key });
    Body()(prototype, key, 0);
    CommandRequest(route.ifMatch === false ? { ifMatch: false } : undefined)(prototype, key, 1);
    if (takesId) Param('id', new ParseUUIDPipe())(prototype, key, 2);
    Reflect.defineMetadata('design:paramtypes', [route.body, Object, String].slice(0, takesId ? 3 : 2), prototype, key);
    const respond = route.location ? ApiCreatedResponse : ApiOkResponse;
    applyDecorators(
      Post(route.path),
      HttpCode(route.location ? 201 : 200),
      Endpoint({
        roles,
        summary: route.summary,
        description: controller.descriptions?.[key],
        notFound: route.notFound,
      }),
      CommandEndpoint({ ifMatch: route.ifMatch !== false }),
      respond({ description: response.description, schema: { example: response.example } }),
      ...(route.conflict ? [ApiConflictResponse({ description: route.conflict })] : []),
      ...(route.gate ? [ApiResponse(APPROVAL_REQUESTED_RESPONSE)] : []),
    )(prototype, key, Object.getOwnPropertyDescriptor(prototype, key)!);
  }
  return GeneratedCommandController;
}

/** The OpenAPI description of the 202 of a gated command. */
const APPROVAL_REQUESTED_RESPONSE = {
  status: 202,
  description:
    "The command needs a supervisor's approval (APPROVAL_REQUIRED_COMMANDS) and the caller may not act alone: " +
    'an approval request was recorded (Location: /approvals/{approvalId}); nothing else changed yet.',
  schema: { example: { caseId: '7a1c…', revision: 5, position: '88', approvalId: '3f0c…', status: 'pending' } },
};

/**
 * The body's fields that were given, as a plain object: a DTO instance declares every field, so an
 * optional field left out would otherwise be there as undefined.
 */
export function givenFields<Body extends object>(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Body;
}
