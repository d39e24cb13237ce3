import { CaseSummariesProjection, CaseSummaryEntity, CaseTimelineEntryEntity, CaseTimelineProjection } from '@nrm/case';
import { CaseReadLogEntity } from '@nrm/case/application/case-read-log.entity';
import { CaseDisclosureEntity, CaseDisclosureShelterEntity } from '@nrm/case/read-models/case-disclosure.entity';
import { CaseDisclosuresProjection } from '@nrm/case/read-models/case-disclosures.projection';
import {
  DEADLINE_ENTITIES,
  type DeadlineProjectionHooks,
  type DeadlineVariables,
  deadlineProjections,
} from '@nrm/deadlines';
import type { EventTypeDefinition } from '@nrm/event-store';
import { IDENTIFICATION_EVENT_TYPES, identificationSummaryRules, identificationTimeline } from '@nrm/identification';
import type { Projection } from '@nrm/projections';
import { REFERRAL_EVENT_TYPES, referralSummaryRules, referralTimeline } from '@nrm/referral';
import {
  REFLECTION_PERIOD_EVENT_TYPES,
  reflectionPeriodSummaryRules,
  reflectionPeriodTimeline,
} from '@nrm/reflection-period';
import {
  SHELTER_ENTITIES,
  SHELTER_EVENT_TYPES,
  shelterProjections,
  shelterSummaryRules,
  shelterTimeline,
} from '@nrm/shelter';
import { REPATRIATION_EVENT_TYPES, repatriationSummaryRules, repatriationTimeline } from '@nrm/repatriation';
import { REINTEGRATION_EVENT_TYPES, reintegrationSummaryRules, reintegrationTimeline } from '@nrm/reintegration';
import { CASE_LIFECYCLE_EVENT_TYPES, caseLifecycleSummaryRules, caseLifecycleTimeline } from '@nrm/case-lifecycle';

/** What the processes assemble from the bounded contexts: every event type and every projection. */
export const ALL_EVENT_TYPES: Record<string, EventTypeDefinition> = {
  ...IDENTIFICATION_EVENT_TYPES,
  ...REFERRAL_EVENT_TYPES,
  ...REFLECTION_PERIOD_EVENT_TYPES,
  ...SHELTER_EVENT_TYPES,
  ...REPATRIATION_EVENT_TYPES,
  ...REINTEGRATION_EVENT_TYPES,
  ...CASE_LIFECYCLE_EVENT_TYPES,
};

export function allProjections(env: DeadlineVariables, hooks: DeadlineProjectionHooks = {}): Projection[] {
  return [
    new CaseSummariesProjection({
      ...identificationSummaryRules,
      ...referralSummaryRules,
      ...reflectionPeriodSummaryRules,
      ...shelterSummaryRules,
      ...repatriationSummaryRules,
      ...reintegrationSummaryRules,
      ...caseLifecycleSummaryRules,
    }),
    new CaseTimelineProjection(
      {
        ...identificationTimeline,
        ...referralTimeline,
        ...reflectionPeriodTimeline,
        ...shelterTimeline,
        ...repatriationTimeline,
        ...reintegrationTimeline,
        ...caseLifecycleTimeline,
      },
      personalFieldsByEventType(),
    ),
    new CaseDisclosuresProjection(),
    ...shelterProjections(),
    ...deadlineProjections(env, hooks),
  ];
}

/** Which fields of each event type are personal: what an erasure takes out of the timeline. */
function personalFieldsByEventType(): Record<string, readonly string[]> {
  return Object.fromEntries(
    Object.entries(ALL_EVENT_TYPES).map(([type, definition]) => [type, definition.personalFields]),
  );
}

/** Read-model entities, for a DataSource built outside Nest (CLI, tests, benchmarks). */
export const ALL_ENTITIES = [
  CaseSummaryEntity,
  CaseTimelineEntryEntity,
  CaseReadLogEntity,
  CaseDisclosureEntity,
  CaseDisclosureShelterEntity,
  ...SHELTER_ENTITIES,
  ...DEADLINE_ENTITIES,
];
export { WorkerModule } from './worker.module';
