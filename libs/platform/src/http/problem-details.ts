import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { StaleRevisionError, WrongExpectedRevisionError } from '@nrm/event-store';
import { DomainRuleViolation } from '@nrm/shared-kernel';
import type { ValidationError } from 'class-validator';
import type { Request, Response } from 'express';

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
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
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
    if (problem.status >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'unhandled error');
    }
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
