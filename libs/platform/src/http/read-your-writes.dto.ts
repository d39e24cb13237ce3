import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Lets a client read its own write: the read waits until the read models reached this position. */
export class ReadYourWritesDto {
  @ApiPropertyOptional({
    description:
      'The `position` a command returned. The read waits (up to READ_WAIT_TIMEOUT_MS) until the read ' +
      'models include that event; the X-Read-Model-Caught-Up response header says whether they did.',
    example: '42',
  })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a position returned by a command' })
  minPosition?: string;
}
