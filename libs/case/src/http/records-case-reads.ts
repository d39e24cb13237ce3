import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '@nrm/platform';
import { from, type Observable, switchMap } from 'rxjs';
import { CaseReadAudit, type CaseReadEndpoint } from '../application/case-read-audit';

interface CaseReads {
  endpoint: CaseReadEndpoint;
  /** The cases whose personal data the answer shows. */
  casesShown: (answer: never, request: AuthenticatedRequest) => readonly string[];
}

const CASE_READS = Symbol('CASE_READS');

/**
 * Records the read in the read audit (CaseReadAudit) once the query answered and before the answer is
 * sent, so a read that cannot be recorded fails (fail closed); `?asOf=` marks it a historical read.
 */
@Injectable()
class CaseReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: CaseReadAudit,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<never>): Observable<unknown> {
    const { endpoint, casesShown } = this.reflector.get<CaseReads>(CASE_READS, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { asOf } = request.query;
    // Used only once the handler answered, that is after the validation pipe accepted it.
    const asOfDate = typeof asOf === 'string' && asOf !== '' ? new Date(asOf) : null;
    const record = async (answer: never) => {
      await this.audit.recordReads(request.actor!, endpoint, casesShown(answer, request), asOfDate);
      return answer;
    };
    return next.handle().pipe(switchMap((answer) => from(record(answer))));
  }
}

/** A read that shows the personal data of `casesShown`: recorded as a read of each through `endpoint`. */
export function RecordsCaseReads<Answer>(
  endpoint: CaseReadEndpoint,
  casesShown: (answer: Answer, request: AuthenticatedRequest) => readonly string[],
): MethodDecorator {
  return applyDecorators(SetMetadata(CASE_READS, { endpoint, casesShown }), UseInterceptors(CaseReadsInterceptor));
}
