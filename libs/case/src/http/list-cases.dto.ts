import { ApiPropertyOptional } from '@nestjs/swagger';
import { BooleanParam, PageParam, PageSizeParam, ReadYourWritesDto } from '@nrm/platform/http';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_STAGES, CASE_STATUSES } from '../domain/case-vocabulary';
import { DEADLINE_KINDS } from '@nrm/deadlines/domain';
import type { CaseFilters } from '../application/case-queries';

export class ListCasesDto extends ReadYourWritesDto {
  @ApiPropertyOptional({
    enum: CASE_STAGES,
    description:
      'The one stage derived from the tracks (README "The stage"): closed > repatriation in progress > ' +
      'shelter (checked in) > active reintegration plan > running reflection period > completed repatriation > ' +
      'reintegration plan > reflection period held > referral > identification.',
  })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: string;

  @ApiPropertyOptional({
    enum: CASE_STAGES,
    description:
      'Any track the case is in now, whatever its stage (e.g. `shelter`: checked in somewhere; ' +
      '`reflection-period`: one running; `referral`: a status decision awaited).',
  })
  @IsOptional()
  @IsIn(CASE_STAGES)
  track?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Organisation id owning the case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
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

  @ApiPropertyOptional({
    enum: DEADLINE_KINDS,
    description:
      'With deadlineDueBefore: only deadlines of this kind; alone: cases with an open deadline of this kind.',
  })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  deadlineKind?: string;

  @BooleanParam('child', 'true: child cases only; false: adults only.')
  child?: boolean;

  @ApiPropertyOptional({ description: 'Part of a case number, e.g. 2026-0000.', example: '2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;

  @PageParam()
  page = 1;

  @PageSizeParam({ defaultSize: 20, max: 100 })
  pageSize = 20;

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
