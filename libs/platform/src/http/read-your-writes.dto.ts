import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, Validate, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';

/** The largest position a store can hand out: PostgreSQL's bigint. */
export const MAX_POSITION = 9_223_372_036_854_775_807n;

/** A position a store can hand out, as a query string states it. */
export const isPosition = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_POSITION;

@ValidatorConstraint({ name: 'position' })
class WithinBigint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isPosition(value);
  }
}

/** Lets a client read its own write: the read waits until the read models reached this position. */
export class ReadYourWritesDto {
  @ApiPropertyOptional({
    description:
      'The `position` a command returned (a whole number from 0 to 9223372036854775807). The read waits (up ' +
      'to READ_WAIT_TIMEOUT_MS) until the read models include that event; the X-Read-Model-Caught-Up response ' +
      'header says whether they did. A position already reached (0 always is) answers at once.',
    example: '42',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a position returned by a command' })
  @Validate(WithinBigint, { message: 'minPosition must be a whole number from 0 to 9223372036854775807' })
  minPosition?: string;
}
