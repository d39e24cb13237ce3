import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import type { AlertedCases } from '../domain/duplicate-alert.decider';

export const PERSON_LINKS_PROJECTION = 'person-links';

/**
 * Which persons a coordinator linked as one (table person_links): every person of a link, and of
 * any group one of them was in already, gets the smallest person id of them all as group_id.
 * Statistics count one person per group. Replaying a link leaves the same rows.
 */
export class PersonLinksProjection implements Projection {
  readonly name = PERSON_LINKS_PROJECTION;
  readonly tables = ['person_links'];

  handles(eventType: string): boolean {
    return eventType === 'DuplicatePersonLinked';
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const personIds = [...new Set((event.data as unknown as AlertedCases).cases.map((linked) => linked.personId))];
      const groups = (await manager.query(
        `SELECT DISTINCT group_id AS "groupId" FROM person_links WHERE person_id = ANY($1)`,
        [personIds],
      )) as { groupId: string }[];
      const groupIds = groups.map((group) => group.groupId);
      const groupId = [...personIds, ...groupIds].sort()[0];
      await manager.query(`UPDATE person_links SET group_id = $1 WHERE group_id = ANY($2)`, [groupId, groupIds]);
      await manager.query(
        `INSERT INTO person_links (person_id, group_id) SELECT unnest($1::uuid[]), $2
         ON CONFLICT (person_id) DO UPDATE SET group_id = EXCLUDED.group_id`,
        [personIds, groupId],
      );
    }
  }
}
