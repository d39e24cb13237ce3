import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';

/** The stream revision in an If-Match header ("3", W/"3" or 3); undefined when there is none. */
export function revisionFromIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,18})"?\s*$/.exec(header);
  if (!match) throw new BadRequestException('If-Match must be the ETag of the case, e.g. "3"');
  return BigInt(match[1]);
}

/** Sets the ETag of a read from its answer's revision: what a later command's If-Match gives back. */
@Injectable()
class RevisionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<{ revision: number | string }>): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(tap((view) => response.setHeader('ETag', `"${view.revision}"`)));
  }
}

/** A read whose answer has the resource's `revision`: answered with it as the ETag. */
export const RevisionETag = (): MethodDecorator => UseInterceptors(RevisionETagInterceptor);
