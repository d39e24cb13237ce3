import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import {
  CommitOutcomeUnknownError,
  isDatabaseUnavailable,
  StaleRevisionError,
  UnstorableEventError,
  WrongExpectedRevisionError,
} from '@nrm/event-store';
import { DomainRuleViolation, ForbiddenError, NotFoundError, UnprocessableRequestError } from '@nrm/shared-kernel';
import type { ValidationError } from 'class-validator';
import type { Request, Response } from 'express';
import { InvalidBearerTokenException } from './auth-guard';

/** RFC 9457 problem details. `errors` lists every invalid field; `rule` names a broken domain rule. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  rule?: string;
  errors?: { field: string; messages: string[] }[];
}

export const PROBLEM_JSON = 'application/problem+json';
/** What a 503 asks a client to wait before it retries. */
const RETRY_AFTER_SECONDS = 1;
const PROBLEM_BASE = 'https://nrm.example/problems/';

/** Thrown by the validation pipe: carries every offending field. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly fieldErrors: { field: string; messages: string[] }[]) {
    super(`Invalid input: ${fieldErrors.map((e) => `${e.field} (${e.messages.join('; ')})`).join(', ')}`);
  }
}

export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // Several rules may share one message ("a whole number from 1 to 100"): said once.
    const own = error.constraints ? [{ field, messages: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Every error leaves the API as application/problem+json; anything unexpected is a logged 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), instance: request.originalUrl };
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn({ err: exception, path: request.originalUrl }, 'database unavailable');
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'unhandled error');
    } else if (exception instanceof UnstorableEventError) {
      // The codec is the last line of defence: reaching it means an edge check is missing.
      this.logger.error(
        { err: exception, path: request.originalUrl },
        'text the event store cannot keep passed the edge',
      );
    }
    if (problem.status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', bearerChallenge(exception));
    response.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof InvalidInputException) {
      return {
        type: `${PROBLEM_BASE}invalid-input`,
        title: 'Invalid input',
        status: 400,
        detail: exception.message,
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof DomainRuleViolation) {
      const status = exception.kind === 'conflict' ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
      return {
        type: `${PROBLEM_BASE}${exception.rule}`,
        title: `Rule broken: ${exception.rule}`,
        status,
        detail: exception.message,
        rule: exception.rule,
        ...(exception.field ? { errors: [{ field: exception.field, messages: [exception.message] }] } : {}),
      };
    }
    if (exception instanceof UnstorableEventError) {
      return {
        type: `${PROBLEM_BASE}storable-text`,
        title: 'Rule broken: storable-text',
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        detail: exception.message,
        rule: 'storable-text',
        errors: exception.fields,
      };
    }
    if (exception instanceof StaleRevisionError) {
      return {
        type: `${PROBLEM_BASE}stale-revision`,
        title: 'The case changed since you read it',
        status: HttpStatus.PRECONDITION_FAILED,
        detail: `If-Match "${exception.expected}" is stale: the case is at revision ${exception.actual ?? 'none'}. Read it again.`,
        rule: 'if-match-current-revision',
      };
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return {
        type: `${PROBLEM_BASE}concurrent-modification`,
        title: 'Concurrent modification',
        status: HttpStatus.CONFLICT,
        detail: 'Others changed this record at the same moment; try again.',
        rule: 'concurrent-modification',
      };
    }
    if (exception instanceof CommitOutcomeUnknownError) {
      return {
        type: `${PROBLEM_BASE}commit-outcome-unknown`,
        title: 'Database unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail:
          `${exception.message}. Retry with the same Idempotency-Key (it answers with the first result if it ` +
          'took effect), or read before retrying without one.',
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: `${PROBLEM_BASE}database-unavailable`,
        title: 'Database unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'The database cannot be reached at the moment; nothing was changed. Retry shortly.',
      };
    }
    const refusal = refusalStatusOf(exception);
    if (refusal !== undefined) {
      return {
        type: `${PROBLEM_BASE}${slug(HttpStatus[refusal])}`,
        title: titleOf(refusal),
        status: refusal,
        detail: (exception as Error).message,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? (body as { message: string[] }).message.join('; ')
            : String((body as { message?: unknown }).message ?? exception.message);
      return { type: `${PROBLEM_BASE}${slug(HttpStatus[status] ?? 'error')}`, title: titleOf(status), status, detail };
    }
    const clientError = clientErrorOf(exception);
    if (clientError) {
      // Refusals raised before Nest sees the request (body-parser: payload too large, unsupported charset …).
      const { status, message } = clientError;
      return {
        type: `${PROBLEM_BASE}${slug(HttpStatus[status] ?? 'error')}`,
        title: titleOf(status),
        status,
        detail: message,
      };
    }
    return {
      type: `${PROBLEM_BASE}internal-error`,
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

/**
 * RFC 6750 §3: every 401 challenges for a bearer token; when a token was sent but is bad, the
 * challenge says invalid_token (the description keeps to the characters a quoted string allows).
 */
function bearerChallenge(exception: unknown): string {
  if (!(exception instanceof InvalidBearerTokenException)) return 'Bearer realm="nrm"';
  const description = exception.message.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '').slice(0, 200);
  return `Bearer realm="nrm", error="invalid_token", error_description="${description}"`;
}

/** An http-errors style client error (status 4xx, expose: true), as body-parser throws. */
function clientErrorOf(exception: unknown): { status: number; message: string } | null {
  if (!(exception instanceof Error)) return null;
  const { status, statusCode, expose } = exception as Error & {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
  };
  const code = typeof status === 'number' ? status : statusCode;
  if (expose !== true || typeof code !== 'number' || code < 400 || code > 499) return null;
  return { status: code, message: exception.message };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/_/g, '-');
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ') : 'Error';
}

/** The application layer's refusals (free of HTTP) and the status each is answered with. */
function refusalStatusOf(exception: unknown): HttpStatus | undefined {
  if (exception instanceof NotFoundError) return HttpStatus.NOT_FOUND;
  if (exception instanceof ForbiddenError) return HttpStatus.FORBIDDEN;
  if (exception instanceof UnprocessableRequestError) return HttpStatus.UNPROCESSABLE_ENTITY;
  return undefined;
}
