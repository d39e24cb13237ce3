import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { notifyRoleFrom } from '@nrm/deadlines';
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
import { MAX_PERSON_MATCH_KEYS, personMatchKeys, type PersonToMatch } from '../domain/person-match-keys';

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
   * one alert for coordinators naming them all, with its notification. The opening officer's answer
   * is the same either way, so it is all one statement sent with the opening's COMMIT: the earlier
   * cases sharing a digest (the most recent entries of each only, an index range each, so an opening
   * costs the same however many share it), this case's entries (which that look-up does not see: a
   * data-modifying CTE runs on the statement's snapshot), and the alert and its notification when
   * there is a match. Both are derived from the case: a retried opening raises the same, not a second.
   * The digests' LIMIT tells the planner how many there can be: unbounded, it assumed ten, so its
   * plan for any opening looked dearer than planning each one again (0.2 ms of planning per opening,
   * pg_stat_statements), and PostgreSQL never kept a plan for the prepared statement.
   */
  async recordOpenedCase(opened: OpenedCase): Promise<void> {
    const digests = this.digestsOf(opened.person);
    if (digests.length === 0) return;
    const alertId = uuidV5(`possible-duplicate\n${opened.caseId}`);
    await this.sendWithNext(
      `WITH digests AS (SELECT unnest($1::text[]) AS digest LIMIT ${MAX_PERSON_MATCH_KEYS}), indexed AS (
         INSERT INTO person_blind_index (digest, case_id, person_id, case_number, recorded_at)
         SELECT digest, $2::uuid, $3::uuid, $4::text, $5::timestamptz FROM digests
         ON CONFLICT DO NOTHING
       ), matched AS (
         SELECT m.case_id, m.case_number, m.person_id, max(m.recorded_at) AS recorded_at
           FROM digests AS d
          CROSS JOIN LATERAL (
                SELECT case_id, case_number, person_id, recorded_at
                  FROM person_blind_index b
                 WHERE b.digest = d.digest AND b.case_id <> $2::uuid
                 ORDER BY recorded_at DESC
                 LIMIT ${MAX_MATCHED_CASES}) m
          GROUP BY m.case_id, m.case_number, m.person_id
          ORDER BY max(m.recorded_at) DESC, m.case_id
          LIMIT ${MAX_MATCHED_CASES}
       ), alert AS (
         INSERT INTO possible_duplicates (alert_id, case_id, case_number, person_id, matched_cases, detected_at)
         SELECT $6::uuid, $2::uuid, $4::text, $3::uuid,
                jsonb_agg(jsonb_build_object('caseId', case_id, 'caseNumber', case_number, 'personId', person_id)
                          ORDER BY recorded_at DESC, case_id), $5::timestamptz
           FROM matched HAVING count(*) > 0
         ON CONFLICT DO NOTHING
       )
       ${notifyRoleFrom(
         {
           role: 'coordinator',
           kind: 'possible-duplicate',
           step: 'detected',
         },
         `SELECT $7::uuid AS id, $6::uuid AS subject_id, $2::uuid AS case_id, $5::timestamptz AS created_at,
                 'Case ' || $4::text || ' may concern the same person as '
                   || string_agg(case_number, ', ' ORDER BY recorded_at DESC, case_id)
                   || ': link them as one person or dismiss the alert (GET /possible-duplicates).' AS message
            FROM matched HAVING count(*) > 0`,
       )}`,
      [
        digests,
        opened.caseId,
        opened.personId,
        opened.caseNumber,
        this.clock.now(),
        alertId,
        uuidV5(`possible-duplicate-notification\n${alertId}`),
      ],
    );
  }

  /** An erasure: the case's entries go, so it never matches again. */
  async forgetCase(caseId: string): Promise<void> {
    await this.sql(`DELETE FROM person_blind_index WHERE case_id = $1`, [caseId]);
  }

  /** The person's blind-index digests, sorted. */
  private digestsOf(person: PersonToMatch): string[] {
    const digest = (key: string) => createHmac('sha256', this.key).update(key, 'utf8').digest('hex');
    return [...new Set(personMatchKeys(person).map(digest))].sort();
  }
}
