import { ApiPropertyOptional } from '@nestjs/swagger';
import { ReadYourWritesDto } from '@nrm/platform/http';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** An instant: date, time and an explicit offset (Z or ±hh:mm), so it means one moment wherever it is read. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** GET /cases/{id} and its timeline: read your writes, or the case as it was recorded at a past instant. */
export class CaseAsOfDto extends ReadYourWritesDto {
  @ApiPropertyOptional({
    description:
      'The case as it was recorded at this instant (ISO 8601 with an offset, e.g. 2026-11-20T09:00:00Z): ' +
      'only what had been recorded by then, whatever dates the entries carry (a decision recorded today with ' +
      "last week's decidedOn is absent as of yesterday). The reader must be allowed to see the case now, and " +
      'sees it in the view its roles give now; data erased since stays erased. Before the case was recorded: ' +
      '404. An instant still to come shows what is recorded so far. The read is audited as historical.',
    example: '2026-11-20T09:00:00Z',
  })
  @IsOptional()
  @Matches(INSTANT_WITH_OFFSET, {
    message: 'asOf must be an ISO 8601 instant with a time and an offset, e.g. 2026-11-20T09:00:00Z',
  })
  @IsISO8601({ strict: true }, { message: 'asOf must be a valid date and time' })
  asOf?: string;
}
