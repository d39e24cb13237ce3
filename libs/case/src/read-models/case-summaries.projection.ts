import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import { caseIdOfStream } from '../domain/case-stream';
import { CaseSummaryEntity } from './case-summary.entity';

export const CASE_SUMMARIES_PROJECTION = 'case-summaries';

/** A new row (the event that opens a case) or the columns an event changes. */
export type CaseSummaryChange =
  | { insert: Omit<CaseSummaryEntity, 'revision' | 'updatedAt' | 'referredToOrganisationId'> }
  | { update: Partial<Omit<CaseSummaryEntity, 'caseId' | 'revision' | 'updatedAt'>> };

/** How each context's events change the case summary: one function per event type. */
export type CaseSummaryRules = Record<string, (event: DecodedEvent) => CaseSummaryChange>;

/**
 * One row per case, fed by every context's rules. One projection owns the table, so the revision
 * guard (a row only takes newer events) holds across contexts.
 */
export class CaseSummariesProjection implements Projection {
  readonly name = CASE_SUMMARIES_PROJECTION;
  readonly tables = ['case_summaries'];

  constructor(private readonly rules: CaseSummaryRules) {}

  handles(eventType: string): boolean {
    return eventType in this.rules;
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    const changes = events.map((event) => ({ event, change: this.rules[event.type](event) }));
    // Every case opened in the batch in one statement; a case's later events follow its opening
    // in the stream, so applying them afterwards, in order, keeps each case's history in order.
    const inserts = changes.flatMap(({ event, change }) =>
      'insert' in change
        ? [{ ...change.insert, revision: event.revision, updatedAt: new Date(event.metadata.occurredAt) }]
        : [],
    );
    if (inserts.length > 0) {
      await manager.createQueryBuilder().insert().into(CaseSummaryEntity).values(inserts).orIgnore().execute();
    }
    for (const { event, change } of changes) {
      if ('update' in change) await this.update(manager, event, change.update);
    }
  }

  /** Applies a change only when the event is newer than the row: replays change nothing. */
  private async update(manager: EntityManager, event: DecodedEvent, change: Partial<CaseSummaryEntity>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(CaseSummaryEntity)
      .set({ ...change, revision: event.revision, updatedAt: new Date(event.metadata.occurredAt) })
      .where('case_id = :caseId AND revision < :revision', {
        caseId: caseIdOfStream(event.streamName),
        revision: event.revision.toString(),
      })
      .execute();
  }
}
