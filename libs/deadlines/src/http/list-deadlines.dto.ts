import { ApiPropertyOptional } from '@nestjs/swagger';
import { BooleanParam, PageParam, PageSizeParam, ReadYourWritesDto } from '@nrm/platform/http';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DEADLINE_KINDS, DEADLINE_STATUSES, type DeadlineKind, type DeadlineStatus } from '../domain/deadline-rules';
import type { DeadlineFilters } from '../application/deadline-queries';

const STATUS_FILTERS = [...DEADLINE_STATUSES, 'all'] as const;
const DATE_TIME_WITH_ZONE = /T.*(Z|[+-]\d{2}:?\d{2})$/;

export class ListDeadlinesDto extends ReadYourWritesDto {
  @ApiPropertyOptional({ enum: DEADLINE_KINDS, example: 'status-decision' })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: DeadlineKind;

  @ApiPropertyOptional({ description: 'The responsible organisation.', example: 'mia-anti-trafficking' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  org?: string;

  @ApiPropertyOptional({ description: 'Due at or after this time.', example: '2026-11-20T00:00:00+04:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueFrom must be an ISO 8601 date-time' })
  @Matches(DATE_TIME_WITH_ZONE, { message: 'dueFrom must include a time and a time zone' })
  dueFrom?: string;

  @ApiPropertyOptional({ description: 'Due at or before this time.', example: '2026-11-30T23:59:59+04:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueTo must be an ISO 8601 date-time' })
  @Matches(DATE_TIME_WITH_ZONE, { message: 'dueTo must include a time and a time zone' })
  dueTo?: string;

  @ApiPropertyOptional({
    enum: STATUS_FILTERS,
    default: 'open',
    description: 'open (default): upcoming and overdue; met, expired, cancelled, or all.',
  })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status: DeadlineStatus | 'all' = 'open';

  @BooleanParam('overdue', 'true: open deadlines past due only; false: open ones not yet due.')
  overdue?: boolean;

  @BooleanParam(
    'late',
    'true: deadlines met after they fell due only; false: met on time only (either way status met, whatever ' +
      '`status` says). A late deadline keeps status `met`, with `late: true`.',
  )
  late?: boolean;

  @PageParam()
  page = 1;

  @PageSizeParam({ defaultSize: 20, max: 100 })
  pageSize = 20;

  /** What the query string asks for, in the read side's terms. */
  deadlineFilters(): DeadlineFilters {
    return {
      kind: this.kind,
      organisationId: this.org,
      dueFrom: this.dueFrom ? new Date(this.dueFrom) : undefined,
      dueTo: this.dueTo ? new Date(this.dueTo) : undefined,
      status: this.status,
      overdue: this.overdue,
      late: this.late,
      page: this.page,
      pageSize: this.pageSize,
    };
  }
}
