import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLOCK } from '@nrm/platform';
import type { Actor, Clock } from '@nrm/shared-kernel';
import { Repository } from 'typeorm';
import { CaseReadLogEntity } from './case-read-log.entity';

/** The endpoints that show a case's personal data, as they are named in the access log. */
export const CASE_READ_ENDPOINTS = [
  'GET /cases',
  'GET /cases/{id}',
  'GET /cases/{id}/timeline',
  'GET /shelters/{id}',
] as const;
export type CaseReadEndpoint = (typeof CASE_READ_ENDPOINTS)[number];

/**
 * The read audit (DESIGN §5): every read of a case's personal data is recorded — who, which
 * organisation, when, which case, through which endpoint. A read declares it (RecordsCaseReads): it is
 * recorded after the query succeeded and before the answer is sent; when recording fails it throws, so
 * the read fails too (fail closed: nothing is shown that is not recorded). A read that found nothing
 * (404) records nothing.
 */
@Injectable()
export class CaseReadAudit {
  constructor(
    @InjectRepository(CaseReadLogEntity) private readonly log: Repository<CaseReadLogEntity>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records that `actor` was shown the personal data of these cases (one row per case); `asOf` when
   * it was a historical read, of the case as recorded at that instant.
   */
  async recordReads(
    actor: Actor,
    endpoint: CaseReadEndpoint,
    caseIds: readonly string[],
    asOf: Date | null = null,
  ): Promise<void> {
    const cases = [...new Set(caseIds)];
    if (cases.length === 0) return;
    const readAt = this.clock.now();
    await this.log.insert(
      cases.map((caseId) => ({
        caseId,
        endpoint,
        userId: actor.userId,
        userName: actor.name || null,
        organisationId: actor.organisationId,
        organisationType: actor.organisationType ?? null,
        readAt,
        asOf,
      })),
    );
  }
}
