import { CaseSummariesProjection, CaseSummaryEntity, CaseTimelineEntryEntity, CaseTimelineProjection } from '@nrm/case';
import { Global, Module } from '@nestjs/common';
import { CASE_SUMMARY_RULES } from '@nrm/case/application/case-history';
import { CaseReadLogEntity } from '@nrm/case/application/case-read-log.entity';
import { CaseDisclosureEntity, CaseDisclosureShelterEntity } from '@nrm/case/read-models/case-disclosure.entity';
import { CaseDisclosuresProjection } from '@nrm/case/read-models/case-disclosures.projection';
import type { CaseSummaryRules } from '@nrm/case/read-models/case-summaries.projection';
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

/** How every context's events change the case summary: the projection's rules, and the case as of a moment. */
export const CASE_SUMMARY_RULES_OF_ALL_CONTEXTS: CaseSummaryRules = {
  ...identificationSummaryRules,
  ...referralSummaryRules,
  ...reflectionPeriodSummaryRules,
  ...shelterSummaryRules,
  ...repatriationSummaryRules,
  ...reintegrationSummaryRules,
  ...caseLifecycleSummaryRules,
};

/** Gives GET /cases/{id}?asOf= the same summary rules the projection folds with (libs/case cannot import them). */
@Global()
@Module({
  providers: [{ provide: CASE_SUMMARY_RULES, useValue: CASE_SUMMARY_RULES_OF_ALL_CONTEXTS }],
  exports: [CASE_SUMMARY_RULES],
})
export class CaseSummaryRulesModule {}

export function allProjections(env: DeadlineVariables, hooks: DeadlineProjectionHooks = {}): Projection[] {
  return [
    new CaseSummariesProjection(CASE_SUMMARY_RULES_OF_ALL_CONTEXTS),
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
