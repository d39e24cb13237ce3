import type { EventTypeDefinition } from '@nrm/event-store';
import {
  CASE_EVENT_TYPES,
  CaseSummariesProjection,
  CaseSummaryEntity,
  CaseTimelineEntryEntity,
  CaseTimelineProjection,
} from '@nrm/identification';
import type { Projection } from '@nrm/projections';

/** What the processes assemble from the bounded contexts: every event type and every projection. */
export const ALL_EVENT_TYPES: Record<string, EventTypeDefinition> = { ...CASE_EVENT_TYPES };

export function allProjections(): Projection[] {
  return [new CaseSummariesProjection(), new CaseTimelineProjection()];
}

/** Read-model entities, for a DataSource built outside Nest (CLI, tests, benchmarks). */
export const ALL_ENTITIES = [CaseSummaryEntity, CaseTimelineEntryEntity];
