import {
  CASE_EVENT_TYPES,
  CaseSummariesProjection,
  type CaseSummaryChange,
  CaseSummaryEntity,
  CaseTimelineEntryEntity,
  CaseTimelineProjection,
  caseSummaryRules,
  caseTimelineRules,
  CASE_SUMMARY_RULES,
  CaseReadLogEntity,
  CaseDisclosureEntity,
  CaseDisclosureShelterEntity,
  CaseDisclosuresProjection,
  type AnyReadRules,
} from '@nrm/case';
import { Global, Module } from '@nestjs/common';
import {
  DEADLINE_ENTITIES,
  type DeadlineProjectionHooks,
  type DeadlineVariables,
  deadlineProjections,
} from '@nrm/deadlines';
import type { EventTypeDefinition } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import {
  SHELTER_ENTITIES,
  SHELTER_EVENT_TYPES,
  shelterProjections,
  shelterSummaryRules,
  shelterTimeline,
} from '@nrm/shelter';
import {
  APPROVAL_EVENT_TYPES,
  ApprovalEntity,
  ApprovalsProjection,
  approvalsSummaryRules,
  approvalsTimeline,
} from '@nrm/approvals';
import { PERSON_MATCHING_EVENT_TYPES, PersonLinksProjection } from '@nrm/person-matching';

/** What the processes assemble from the bounded contexts: every event type and every projection. */
export const ALL_EVENT_TYPES: Record<string, EventTypeDefinition> = {
  ...CASE_EVENT_TYPES,
  ...SHELTER_EVENT_TYPES,
  ...APPROVAL_EVENT_TYPES,
  ...PERSON_MATCHING_EVENT_TYPES,
};

/**
 * How a case's summary reads every event about it: its own stream's, and the placements' on shelter
 * streams. The projection's rules, and the case as of a moment (summariseCase).
 */
export const CASE_SUMMARY_RULES_OF_ALL_CONTEXTS: AnyReadRules<CaseSummaryChange> = {
  ...caseSummaryRules,
  ...shelterSummaryRules,
  ...approvalsSummaryRules,
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
      { ...caseTimelineRules, ...shelterTimeline, ...approvalsTimeline },
      personalFieldsByEventType(),
    ),
    new CaseDisclosuresProjection(),
    ...shelterProjections(),
    ...deadlineProjections(env, hooks),
    new ApprovalsProjection(),
    new PersonLinksProjection(),
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
  ApprovalEntity,
];
export { WorkerModule } from './worker.module';
