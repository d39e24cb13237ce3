import { CaseSummariesProjection, CaseSummaryEntity, CaseTimelineEntryEntity, CaseTimelineProjection } from '@nrm/case';
import type { EventTypeDefinition } from '@nrm/event-store';
import { IDENTIFICATION_EVENT_TYPES, identificationSummaryRules, identificationTimeline } from '@nrm/identification';
import type { Projection } from '@nrm/projections';

/** What the processes assemble from the bounded contexts: every event type and every projection. */
export const ALL_EVENT_TYPES: Record<string, EventTypeDefinition> = { ...IDENTIFICATION_EVENT_TYPES };

export function allProjections(): Projection[] {
  return [
    new CaseSummariesProjection({ ...identificationSummaryRules }),
    new CaseTimelineProjection({ ...identificationTimeline }),
  ];
}

/** Read-model entities, for a DataSource built outside Nest (CLI, tests, benchmarks). */
export const ALL_ENTITIES = [CaseSummaryEntity, CaseTimelineEntryEntity];
