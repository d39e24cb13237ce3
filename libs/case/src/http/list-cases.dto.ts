import { ApiPropertyOptional } from '@nestjs/swagger';
import { BooleanParam, PageParam, PageSizeParam } from '@nrm/platform/http/query-params';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_STAGES, CASE_STATUSES } from '../domain/case-vocabulary';
import { ReadYourWritesDto } from '@nrm/platform/http/read-your-writes.dto';

export class ListCasesDto extends ReadYourWritesDto {
  @ApiPropertyOptional({ enum: CASE_STAGES })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Organisation id owning the case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  org?: string;

  @ApiPropertyOptional({ description: 'Only cases whose next deadline falls before this time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadlineDueBefore?: string;

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
}
