import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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

  @ApiPropertyOptional({ description: 'true: child cases only; false: adults only.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'child must be true or false' })
  child?: boolean;

  @ApiPropertyOptional({ description: 'Part of a case number, e.g. 2026-0000.', example: '2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
