import { applyDecorators, Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Role } from '@nrm/shared-kernel';
import { AllowRoles } from '../auth/auth';
import { type CommandDefinition, CommandPipeline, isPendingApproval } from '../commands/command-pipeline';
import { CommandEndpoint, CommandRequest, CommandResponder } from './command-request';

/** What a route hands its command: the path's :id (empty on a path without one) and the validated body. */
export interface CommandRouteInput<Body> {
  id: string;
  body: Body;
}

/** A command as a POST endpoint: its route, who may call it, its body and its OpenAPI description. */
export interface CommandRoute<
  Body extends object,
  Result extends { revision: number | bigint | string },
> extends CommandDefinition<CommandRouteInput<Body>, Result> {
  /** Under the controller's prefix, e.g. ':id/referral'. */
  readonly path: string;
  readonly roles: readonly Role[];
  /** The DTO class (class-validator) the body is validated against. */
  readonly body: Type<Body>;
  /** false: the command creates its stream, so it takes no If-Match. */
  readonly ifMatch?: boolean;
  /** A created resource: 201 with this Location (200 otherwise). */
  readonly location?: (result: Result) => string;
  /** false: the result's revision is not of the stream the caller addressed, so no ETag. */
  readonly etag?: boolean;
  readonly summary: string;
  readonly description?: string;
  readonly response: { description: string; example: object };
}

/** Declares a route, its types inferred from the body class and the execute function. */
export function commandRoute<Body extends object, Result extends { revision: number | bigint | string }>(
  route: CommandRoute<Body, Result>,
): CommandRoute<Body, Result> {
  return route;
}

/**
 * A Nest controller with one POST method per route: `name` is its class name (OpenAPI's operationIds
 * are `<name>_<route key>`), `prefix` its path, `tag` its OpenAPI tag. The decorators hand-written
 * controllers repeated are applied here, with `design:paramtypes` naming the body class so the
 * validation pipe checks it. Each method answers through the responder (Idempotency-Key, If-Match,
 * ETag, Location) and runs its command through the CommandPipeline.
 */
export function commandController(
  name: string,
  prefix: string,
  tag: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route has its own body and result
  routes: Record<string, CommandRoute<any, any>>,
): Type {
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(prefix)
  class GeneratedCommandController {
    constructor(
      readonly pipeline: CommandPipeline,
      readonly responder: CommandResponder,
    ) {}
  }
  Object.defineProperty(GeneratedCommandController, 'name', { value: name });
  const prototype = GeneratedCommandController.prototype as unknown as Record<string, unknown>;
  for (const [key, route] of Object.entries(routes)) {
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
      AllowRoles(...route.roles),
      ApiOperation({ summary: route.summary, ...(route.description ? { description: route.description } : {}) }),
      CommandEndpoint({ ifMatch: route.ifMatch !== false }),
      respond({ description: route.response.description, schema: { example: route.response.example } }),
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
