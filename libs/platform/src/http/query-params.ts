import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { InvalidInputException } from './problem-details';
import type { FieldError } from './untrusted-input';
import type { NextFunction, Request, Response } from 'express';

/** Query-string decorators shared by the list endpoints, so every list pages and filters alike. */

/**
 * Decimal digits become a number; anything else (`0x10`, `1e3`, ` 7`, a repeated parameter) stays
 * as sent, for IsInt to refuse: Number() would read far more than a person means by a page.
 */
const DecimalInteger = () =>
  Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value));

/** The last page a list serves: any offset it makes stays far within PostgreSQL's bigint. */
export const MAX_PAGE = 1_000_000;

/** `?page=`: 1-based page number. */
function PageParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: MAX_PAGE }),
    IsOptional(),
    DecimalInteger(),
    IsInt({ message: `page must be a whole number from 1 to ${MAX_PAGE}` }),
    Min(1, { message: `page must be a whole number from 1 to ${MAX_PAGE}` }),
    Max(MAX_PAGE, { message: `page must be a whole number from 1 to ${MAX_PAGE}` }),
  );
}

/** `?pageSize=`: items per page, up to `max`. */
function PageSizeParam({ defaultSize, max }: PageSizes): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', default: defaultSize, minimum: 1, maximum: max }),
    IsOptional(),
    DecimalInteger(),
    IsInt({ message: `pageSize must be a whole number from 1 to ${max}` }),
    Min(1, { message: `pageSize must be a whole number from 1 to ${max}` }),
    Max(max, { message: `pageSize must be a whole number from 1 to ${max}` }),
  );
}

/** How many items a page of a list holds when the query string does not say, and at most. */
export interface PageSizes {
  readonly defaultSize: number;
  readonly max: number;
}

/** The page sizes of most lists. */
const USUAL_PAGE_SIZES: PageSizes = { defaultSize: 20, max: 100 };

/** What TypeScript accepts as the base of a mixin. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type QueryClass = new (...args: any[]) => object;

/**
 * A list's query string: the fields of `Filters`, then `page` and `pageSize` (`sizes`, 20 a page
 * and at most 100 unless said), e.g. `class ListSheltersDto extends Paged(ShelterListFilters, { defaultSize:
 * 50, max: 200 }) {}`. A base class's fields come first in OpenAPI's parameters (and in a 400's
 * list of problems), so the page is mixed in over the filters: it stays the last of the parameters.
 */
export function Paged<Filters extends QueryClass>(Filters: Filters, sizes: PageSizes = USUAL_PAGE_SIZES) {
  class PagedQuery extends Filters {
    @PageParam()
    page = 1;

    @PageSizeParam(sizes)
    pageSize = sizes.defaultSize;
  }
  return PagedQuery;
}

/** A `true`/`false` filter; anything else is a 400 naming the parameter. */
export function BooleanParam(name: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: `${name} must be true or false` }),
  );
}

/**
 * Express middleware: a query string whose percent-encoding is not UTF-8 is a 400 naming the
 * parameter (Node's `querystring` would quietly turn it into U+FFFD). A middleware, not the query
 * parser, because the parser also runs where nothing could answer its error (the request log).
 */
export function refuseUndecodableQuery(request: Request, _response: Response, next: NextFunction): void {
  const start = request.url.indexOf('?');
  const problems: FieldError[] = [];
  if (start >= 0) {
    for (const pair of request.url.slice(start + 1).split('&')) {
      const [rawKey, ...rawValue] = pair.split('=');
      const key = decodeQueryComponent(rawKey);
      if (key === null || decodeQueryComponent(rawValue.join('=')) === null) {
        const field = key ?? rawKey.slice(0, 100);
        problems.push({ field, messages: [`${field} is not valid percent-encoded UTF-8`] });
      }
    }
  }
  next(problems.length > 0 ? new InvalidInputException(problems) : undefined);
}

function decodeQueryComponent(component: string): string | null {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
