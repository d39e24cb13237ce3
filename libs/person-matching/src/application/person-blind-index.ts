import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { notifyRole } from '@nrm/deadlines';
import type { PersonIndex } from '@nrm/case';
import { uuidV5 } from '@nrm/event-store';
import {
  CLOCK,
  Environment,
  personMatchKeyOf,
  SEND_WITH_NEXT,
  WRITE_SQL,
  type SqlQuery,
  type SqlWithoutResult,
} from '@nrm/platform';
import type { Clock } from '@nrm/shared-kernel';
import { personMatchKeys, type PersonToMatch } from '../domain/person-match-keys';

/** The most earlier cases one alert names (the most recent ones); a coordinator searches further. */
const MAX_MATCHED_CASES = 20;

export interface OpenedCase {
  caseId: string;
  caseNumber: string;
  personId: string;
  person: PersonToMatch;
}

/** An earlier case an alert names. */
export interface MatchedCase {
  caseId: string;
  caseNumber: string;
  personId: string;
}

/**
 * The blind index of persons (table person_blind_index): keyed hashes of each case's normalised
 * name with birth data (personMatchKeys), under PERSON_MATCH_KEY. A new case is compared by its
 * hashes alone: nobody's data is decrypted, and the hashes cannot be recomputed without the key.
 *
 * Written through the write side's SQL, so with PostgreSQL the entries, the alert and its
 * notification commit with the case's opening (and the entries go with its erasure), or not at all.
 */
@Injectable()
export class PersonBlindIndex implements PersonIndex {
  private readonly key: Buffer;

  constructor(
    @Inject(WRITE_SQL) private readonly sql: SqlQuery,
    @Inject(SEND_WITH_NEXT) private readonly sendWithNext: SqlWithoutResult,
    @Inject(CLOCK) private readonly clock: Clock,
    env: Environment,
  ) {
    this.key = personMatchKeyOf(env);
  }

  /**
   * Before the opening's append, in its unit of work: two openings of the same person at once
   * would each miss the other's uncommitted entries, so the second waits for the first's commit.
   * Taken before the append, so that no waiting transaction holds an appended event (which would
   * hold the projections back). Locks in sorted order: two openings never wait for each other.
   * Sent with the opening's next statement: the lock is held before anything after it runs.
   */
  async lockPerson(person: PersonToMatch): Promise<void> {
    const digests = this.digestsOf(person);
    if (digests.length === 0) return;
    await this.sendWithNext(
      `SELECT pg_advisory_xact_lock(hashtextextended(digest, 0)) FROM unnest($1::text[]) AS digest`,
      [digests],
    );
  }

  /**
   * Indexes a case just opened (after lockPerson) and, when an earlier case shares a hash, records
   * one alert for coordinators naming them all. The opening officer's answer is the same either way.
   */
  async recordOpenedCase(opened: OpenedCase): Promise<void> {
    const digests = this.digestsOf(opened.person);
    if (digests.length === 0) return;
    const now = this.clock.now();
    // One statement: the earlier cases sharing a digest (the most recent entries of each only, an
    // index range each, so an opening costs the same however many share it) and this case's entries,
    // which the lookup does not see (a data-modifying CTE runs on the statement's snapshot).
    const matched = (await this.sql(
      `WITH indexed AS (
         INSERT INTO person_blind_index (digest, case_id, person_id, case_number, recorded_at)
         SELECT digest, $2, $3, $4, $5 FROM unnest($1::text[]) AS digest
         ON CONFLICT DO NOTHING)
       SELECT m.case_id AS "caseId", m.case_number AS "caseNumber", m.person_id AS "personId"
         FROM unnest($1::text[]) AS d (digest)
        CROSS JOIN LATERAL (
              SELECT case_id, case_number, person_id, recorded_at
                FROM person_blind_index b
               WHERE b.digest = d.digest AND b.case_id <> $2
               ORDER BY recorded_at DESC
               LIMIT ${MAX_MATCHED_CASES}) m
        GROUP BY m.case_id, m.case_number, m.person_id
        ORDER BY max(m.recorded_at) DESC, m.case_id
        LIMIT ${MAX_MATCHED_CASES}`,
      [digests, opened.caseId, opened.personId, opened.caseNumber, now],
    )) as unknown as MatchedCase[];
    if (matched.length > 0) await this.raiseAlert(opened, matched, now);
  }

  /** An erasure: the case's entries go, so it never matches again. */
  async forgetCase(caseId: string): Promise<void> {
    await this.sql(`DELETE FROM person_blind_index WHERE case_id = $1`, [caseId]);
  }

  private async raiseAlert(opened: OpenedCase, matched: MatchedCase[], now: Date): Promise<void> {
    // Derived from the case: a retried opening raises the same alert, not a second one.
    const alertId = uuidV5(`possible-duplicate\n${opened.caseId}`);
    await this.sql(
      `INSERT INTO possible_duplicates (alert_id, case_id, case_number, person_id, matched_cases, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [alertId, opened.caseId, opened.caseNumber, opened.personId, JSON.stringify(matched), now],
    );
    const numbers = matched.map((match) => match.caseNumber).join(', ');
    await notifyRole(this.sql, {
      id: uuidV5(`possible-duplicate-notification\n${alertId}`),
      role: 'coordinator',
      kind: 'possible-duplicate',
      subjectId: alertId,
      step: 'detected',
      caseId: opened.caseId,
      message:
        `Case ${opened.caseNumber} may concern the same person as ${numbers}: ` +
        'link them as one person or dismiss the alert (GET /possible-duplicates).',
      createdAt: now,
    });
  }

  /** The person's blind-index digests, sorted. */
  private digestsOf(person: PersonToMatch): string[] {
    const digest = (key: string) => createHmac('sha256', this.key).update(key, 'utf8').digest('hex');
    return [...new Set(personMatchKeys(person).map(digest))].sort();
  }
}
