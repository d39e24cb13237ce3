import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  type OnApplicationShutdown,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '@nrm/event-store';
import { ProjectionProgress } from '@nrm/projections';
import type { Actor } from '@nrm/shared-kernel';
import type { Response } from 'express';
import { from, type Observable, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from './auth-guard';
import { Environment } from '../config/environment';
import { isPosition, ReadYourWritesDto } from './read-your-writes.dto';
import { EdgeValidationPipe } from './validation';

export const CAUGHT_UP_HEADER = 'X-Read-Model-Caught-Up';

/** Waits, for a read given `minPosition`, until the projections it reads from include that event. */
@Injectable()
export class ReadYourWrites implements OnApplicationShutdown {
  private readonly progress: ProjectionProgress;

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly env: Environment,
  ) {
    this.progress = new ProjectionProgress(dataSource, store);
  }

  async waitFor(projections: readonly string[], minPosition: string | undefined, response: Response): Promise<void> {
    if (minPosition === undefined) return;
    const position = BigInt(minPosition);
    // Positions start at 1: there is no event at 0 to wait for, every read model has reached it.
    const caughtUp =
      position === 0n || (await this.progress.waitFor(projections, position, this.env.READ_WAIT_TIMEOUT_MS));
    response.setHeader(CAUGHT_UP_HEADER, String(caughtUp));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.progress.close();
  }
}

/** The projections a read answers from: fixed, or depending on who reads (e.g. shelter staff read more). */
export type ReadProjections = readonly string[] | ((actor: Actor) => readonly string[]);

const READS_FROM = Symbol('READS_FROM');

/** Waits for the request's `minPosition` (ReadYourWritesDto) before the read it decorates (`ReadsFrom`). */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  private readonly validation = new EdgeValidationPipe();

  constructor(
    private readonly readYourWrites: ReadYourWrites,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const projections = this.reflector.get<ReadProjections>(READS_FROM, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { minPosition } = request.query;
    // A malformed minPosition waits for nothing: the validation pipe, after this, answers it with 400.
    if (!isPosition(minPosition)) return next.handle();
    const read = typeof projections === 'function' ? projections(request.actor!) : projections;
    const response = context.switchToHttp().getResponse<Response>();
    const waited = this.refuseInvalidRequest(context, request).then(() =>
      this.readYourWrites.waitFor(read, minPosition, response),
    );
    return from(waited).pipe(switchMap(() => next.handle()));
  }

  /**
   * Interceptors run before the pipes, so without this a read with a valid minPosition and another
   * bad value (a path id, a filter) would wait for the read models only to be refused with 400.
   */
  private async refuseInvalidRequest(context: ExecutionContext, request: AuthenticatedRequest): Promise<void> {
    const parameterTypes: unknown[] =
      Reflect.getMetadata('design:paramtypes', context.getClass().prototype, context.getHandler().name) ?? [];
    const query = parameterTypes.find(
      (type): type is new () => ReadYourWritesDto =>
        typeof type === 'function' && type.prototype instanceof ReadYourWritesDto,
    );
    for (const [name, value] of Object.entries(request.params)) {
      await this.validation.transform(value, { type: 'param', metatype: String, data: name });
    }
    if (query) await this.validation.transform(request.query, { type: 'query', metatype: query });
  }
}

/**
 * A read that answers from these projections: with `minPosition` (its query extends
 * ReadYourWritesDto), it first waits until they include that event and says so in X-Read-Model-Caught-Up.
 */
export function ReadsFrom(projections: ReadProjections): MethodDecorator {
  return applyDecorators(SetMetadata(READS_FROM, projections), UseInterceptors(ReadYourWritesInterceptor));
}
