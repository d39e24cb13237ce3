import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { Field, ReadYourWritesDto } from '@nrm/platform/http';
import { DIMENSIONS } from '../domain/dimensions';

export const STATISTICS_FORMATS = ['json', 'csv'] as const;
export type StatisticsFormat = (typeof STATISTICS_FORMATS)[number];

export class StatisticsQueryDto extends ReadYourWritesDto {
  @Field.oneOf(STATISTICS_FORMATS, {
    optional: true,
    description:
      'json (default) or csv (CTDC / HTCDS variable names, long format). Without it, `Accept: text/csv` ' +
      'also selects csv.',
  })
  format?: StatisticsFormat;

  /** csv when asked for by `format`, or without it by an Accept header preferring text/csv (`accepted`). */
  wantsCsv(accepted: string | false): boolean {
    return this.format === 'csv' || (this.format === undefined && accepted === 'text/csv');
  }
}

const COUNT: ApiPropertyOptions = {
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', example: '<11' },
  ],
  description: 'People, or "<k" (e.g. "<11") when suppressed.',
};

export class StatisticsCellDto {
  @ApiProperty({ example: 'female' }) value!: string;
  @ApiProperty(COUNT) count!: number | string;
}

export class StatisticsYearTotalDto {
  @ApiProperty({ example: '2026', description: 'Year of identification (as recorded, local time).' })
  year!: string;
  @ApiProperty(COUNT) total!: number | string;
}

export class StatisticsYearRowDto extends StatisticsYearTotalDto {
  @ApiProperty({ type: [StatisticsCellDto] }) cells!: StatisticsCellDto[];
}

export class StatisticsTableDto {
  @ApiProperty({ enum: DIMENSIONS }) dimension!: string;
  @ApiProperty({
    description:
      'true for exploitationType: a person counts in each of their types, so its cells do not add up to the totals.',
  })
  multiValued!: boolean;
  @ApiPropertyOptional({ description: 'How to read the table, when it is not additive.' }) note?: string;
  @ApiProperty({
    type: [StatisticsCellDto],
    description: 'One-way table, all years: the column totals of `byYear`.',
  })
  overall!: StatisticsCellDto[];
  @ApiProperty({
    type: [StatisticsYearRowDto],
    description: 'Cross-tab by year of identification; `total` is the year total (as in `years`).',
  })
  byYear!: StatisticsYearRowDto[];
}

export class StatisticsDto {
  @ApiProperty({ example: 11, description: 'Minimum cell size (STATISTICS_MIN_CELL, at least 11).' }) k!: number;
  @ApiProperty({
    example: '<11',
    description:
      'How a suppressed count is shown: a cell under k people, or a cell hidden so that no such cell can be ' +
      'recovered by subtraction from a published total (complementary suppression). The two are not ' +
      'told apart, on purpose.',
  })
  suppressedLabel!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) generatedAt!: string;
  @ApiProperty({ enum: ['people'], description: 'Every count is of people (distinct persons), not of events.' })
  unit!: 'people';
  @ApiProperty(COUNT) total!: number | string;
  @ApiProperty({ type: [StatisticsYearTotalDto] }) years!: StatisticsYearTotalDto[];
  @ApiProperty({ type: [StatisticsTableDto] }) tables!: StatisticsTableDto[];
}
