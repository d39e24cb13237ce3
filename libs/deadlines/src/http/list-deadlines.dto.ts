import { Field, Paged, ReadYourWritesDto } from '@nrm/platform/http';
import { DEADLINE_KINDS, DEADLINE_STATUSES, type DeadlineKind, type DeadlineStatus } from '../domain/deadline-rules';
import type { DeadlineFilters } from '../application/deadline-queries';

const STATUS_FILTERS = [...DEADLINE_STATUSES, 'all'] as const;

class DeadlineListFilters extends ReadYourWritesDto {
  @Field.oneOf(DEADLINE_KINDS, { optional: true, example: 'status-decision' })
  kind?: DeadlineKind;

  @Field.text({
    optional: true,
    max: 100,
    min: 0,
    description: 'The responsible organisation.',
    example: 'mia-anti-trafficking',
  })
  org?: string;

  @Field.dateTime({ optional: true, description: 'Due at or after this time.', example: '2026-11-20T00:00:00+04:00' })
  dueFrom?: string;

  @Field.dateTime({ optional: true, description: 'Due at or before this time.', example: '2026-11-30T23:59:59+04:00' })
  dueTo?: string;

  @Field.oneOf(STATUS_FILTERS, {
    optional: true,
    default: 'open',
    description: 'open (default): upcoming and overdue; met, expired, cancelled, or all.',
  })
  status: DeadlineStatus | 'all' = 'open';

  @Field.booleanFilter('overdue', 'true: open deadlines past due only; false: open ones not yet due.')
  overdue?: boolean;

  @Field.booleanFilter(
    'late',
    'true: deadlines met after they fell due only; false: met on time only (either way status met, whatever ' +
      '`status` says). A late deadline keeps status `met`, with `late: true`.',
  )
  late?: boolean;
}

export class ListDeadlinesDto extends Paged(DeadlineListFilters) {
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
