import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { CaseSummaryEntity } from '@nrm/case';
import { CLOCK, Environment } from '@nrm/platform';
import type { Clock } from '@nrm/shared-kernel';
import type { Repository } from 'typeorm';
import { type CaseFacts, personRecordOf } from '../domain/dimensions';
import { type PublishedStatistics, type PublishedTable, suppress } from '../domain/suppression';
import { tabulate } from '../domain/tabulation';

export class GetStatisticsQuery {}

const MULTI_VALUED_NOTE =
  'A person counts once in each of their exploitation types: the cells of a year do not add up to the year ' +
  'total, nor the one-way table to the grand total.';

export interface Statistics extends PublishedStatistics {
  generatedAt: string;
  unit: 'people';
  tables: Array<PublishedTable & { note?: string }>;
}

/**
 * People by year and dimension, suppressed with k = STATISTICS_MIN_CELL. Reads only columns of
 * case_summaries that an erasure leaves (never the person, narrative, place or ids), and counts
 * each person once: a person with several cases (or several persons a coordinator linked as one,
 * person_links) is described by their most recently opened case.
 */
@QueryHandler(GetStatisticsQuery)
export class GetStatisticsHandler implements IQueryHandler<GetStatisticsQuery, Statistics> {
  constructor(
    @InjectRepository(CaseSummaryEntity) private readonly summaries: Repository<CaseSummaryEntity>,
    private readonly env: Environment,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<Statistics> {
    const rows: CaseFacts[] = await this.summaries.query(
      `SELECT DISTINCT ON (COALESCE(l.group_id, s.person_id))
              COALESCE(left(identification->>'identifiedAt', 4), to_char(opened_at AT TIME ZONE 'Asia/Baku', 'YYYY')) AS "year",
              sex AS "sex",
              age_at_identification AS "ageAtIdentification",
              citizenship AS "citizenship",
              exploitation_types AS "exploitationTypes",
              opening_organisation_type AS "openingOrganisationType",
              stage AS "stage",
              status AS "status"
         FROM case_summaries s
         LEFT JOIN person_links l ON l.person_id = s.person_id
        ORDER BY COALESCE(l.group_id, s.person_id), opened_at DESC, case_id`,
    );
    const published = suppress(tabulate(rows.map(personRecordOf)), this.env.STATISTICS_MIN_CELL);
    return {
      generatedAt: this.clock.now().toISOString(),
      unit: 'people',
      ...published,
      tables: published.tables.map((table) => (table.multiValued ? { ...table, note: MULTI_VALUED_NOTE } : table)),
    };
  }
}
