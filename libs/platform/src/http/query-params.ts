import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query-string decorators shared by the list endpoints, so every list pages and filters alike. */

/** The last page a list serves: any offset it makes stays far within PostgreSQL's bigint. */
export const MAX_PAGE = 1_000_000;

/** `?page=`: 1-based page number. */
export function PageParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: `page must be a whole number from 1 to ${MAX_PAGE}` }),
    Min(1, { message: `page must be a whole number from 1 to ${MAX_PAGE}` }),
    Max(MAX_PAGE, { message: `page must be a whole number from 1 to ${MAX_PAGE}` }),
  );
}

/** `?pageSize=`: items per page, up to `max`. */
export function PageSizeParam({ defaultSize, max }: { defaultSize: number; max: number }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: defaultSize, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
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
