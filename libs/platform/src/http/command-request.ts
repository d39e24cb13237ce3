import { applyDecorators, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Actor } from '@nrm/shared-kernel';
import type { Request, Response } from 'express';
import { authenticatedActor } from './auth-guard';
import type { CommandContext } from '../commands/command-pipeline';
import { IdempotentCommands } from '../idempotency/idempotent-commands';
import { correlationIdOf } from '../logging/logging';
import { revisionFromIfMatch } from './if-match';

/** What a command needs from the HTTP request: who asks, its Idempotency-Key, If-Match and correlation. */
export interface CommandRequest {
  actor: Actor;
  idempotencyKey: string | undefined;
  /** From If-Match; undefined without one, or on an endpoint that takes none. */
  expectedRevision: bigint | undefined;
  correlationId: string;
  path: string;
  /** Where the ETag (and Location) of the answer go. */
  response: Response;
}

export interface CommandEndpointOptions {
  /** false: the endpoint takes no If-Match (it creates a stream); the header is then ignored, not documented. */
  ifMatch?: boolean;
}

/**
 * The command request of a POST endpoint. Param decorators resolve after the guards, so AuthGuard has set
 * the actor; a malformed If-Match is a 400.
 */
export const CommandRequest = createParamDecorator(
  (options: CommandEndpointOptions | undefined, context: ExecutionContext): CommandRequest => {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const idempotencyKey = request.headers['idempotency-key'];
    return {
      actor: authenticatedActor(context),
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      expectedRevision: options?.ifMatch === false ? undefined : revisionFromIfMatch(request.headers['if-match']),
      correlationId: correlationIdOf(request),
      path: request.path,
      response: http.getResponse<Response>(),
    };
  },
);

/** OpenAPI for the headers every command endpoint takes: Idempotency-Key and (unless ifMatch: false) If-Match. */
export function CommandEndpoint(options: CommandEndpointOptions = {}) {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Same key and body: the first result again, nothing appended (a concurrent repeat waits for the first). ' +
        'Another body with the same key: 422. A refused or failed request leaves the key free. Keys are kept ' +
        'IDEMPOTENCY_KEY_RETENTION_HOURS (24 h by default).',
    }),
    ...(options.ifMatch === false
      ? []
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'The ETag of the stream as read, e.g. "3"; 412 when it changed since.',
          }),
        ]),
  );
}

export interface CommandResponseOptions<Result> {
  /** The Location header of a created resource. */
  location?: (result: Result) => string;
  /** false: the result's revision is not of the stream the caller addresses, so no ETag. */
  etag?: boolean;
}

/** Idempotency-Key, then the ETag (and Location) of the answer: the same for every command endpoint. */
@Injectable()
export class CommandResponder {
  constructor(private readonly idempotency: IdempotentCommands) {}

  async respond<Result extends { revision: number | bigint | string }>(
    command: CommandRequest,
    body: unknown,
    execute: (context: CommandContext) => Promise<Result>,
    options: CommandResponseOptions<Result> = {},
  ): Promise<Result> {
    const { actor, correlationId, expectedRevision, idempotencyKey, path, response } = command;
    const result = await this.idempotency.run<Result>(
      { scope: actor.userId, key: idempotencyKey, method: 'POST', path, body },
      () => execute({ actor, correlationId, expectedRevision }),
    );
    if (options.etag !== false) response.setHeader('ETag', `"${result.revision}"`);
    if (options.location) response.setHeader('Location', options.location(result));
    return result;
  }
}
