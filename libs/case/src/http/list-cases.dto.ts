import { ApiPropertyOptional } from '@nestjs/swagger';
import { Field, Paged, ReadYourWritesDto } from '@nrm/platform/http';
import { IsISO8601, IsOptional } from 'class-validator';
import { CASE_STAGES, CASE_STATUSES } from '../domain/case-vocabulary';
import { DEADLINE_KINDS } from '@nrm/deadlines/domain';
import type { CaseFilters } from '../application/case-queries';

class CaseListFilters extends ReadYourWritesDto {
  @Field.oneOf(CASE_STAGES, {
    optional: true,
    description:
      'The one stage derived from the tracks (README "The stage"): closed > repatriation in progress > ' +
      'shelter (checked in) > active reintegration plan > running reflection period > completed repatriation > ' +
      'reintegration plan > reflection period held > referral > identification.',
  })
  stage?: string;

  @Field.oneOf(CASE_STAGES, {
    optional: true,
    description:
      'Any track the case is in now, whatever its stage (e.g. `shelter`: checked in somewhere; ' +
      '`reflection-period`: one running; `referral`: a status decision awaited).',
  })
  track?: string;

  @Field.oneOf(CASE_STATUSES, { optional: true })
  status?: string;

  @Field.text({ optional: true, max: 100, min: 0, description: 'Organisation id owning the case.' })
  org?: string;

  @ApiPropertyOptional({
    description:
      'Only cases with an open deadline of any kind (hand-over, status decision, child-protection ' +
      'notice, reflection period, shelter answer, shelter stay, reintegration review) due before this time, ' +
      'overdue ones included (the deadline board).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadlineDueBefore?: string;

  @Field.oneOf(DEADLINE_KINDS, {
    optional: true,
    description:
      'With deadlineDueBefore: only deadlines of this kind; alone: cases with an open deadline of this kind.',
  })
  deadlineKind?: string;

  @Field.booleanFilter('child', 'true: child cases only; false: adults only.')
  child?: boolean;

  @Field.text({
    optional: true,
    max: 40,
    min: 0,
    description: 'Part of a case number, e.g. 2026-0000.',
    example: '2026',
  })
  q?: string;
}

export class ListCasesDto extends Paged(CaseListFilters) {
  /** What the query string asks for, in the read side's terms. */
  caseFilters(): CaseFilters {
    return {
      stage: this.stage,
      track: this.track,
      deadlineKind: this.deadlineKind,
      status: this.status,
      organisationId: this.org,
      deadlineDueBefore: this.deadlineDueBefore ? new Date(this.deadlineDueBefore) : undefined,
      child: this.child,
      caseNumber: this.q,
      page: this.page,
      pageSize: this.pageSize,
    };
  }
}
