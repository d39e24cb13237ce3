import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { onVisibleCase } from '../../application/case-command';
import { commandController, commandRoute, givenFields } from '@nrm/platform/http/command-routes';
import { reintegrationDecider } from './reintegration.decider';
import {
  AdoptReintegrationPlanDto,
  CompleteReintegrationDto,
  RecordReintegrationServiceDto,
  ReviewReintegrationDto,
} from './reintegration.dto';

const reintegrationCommand = onVisibleCase(reintegrationDecider);
const response = {
  description: 'New revision (also as ETag) and the global position of the event, for minPosition on reads',
  example: { caseId: '7a1c…', revision: 5, position: '81' },
};

/** Reintegration (DESIGN §3.6): an individual plan, services, periodic reviews, completion. */
export const ReintegrationController = commandController('ReintegrationController', 'cases/:id', 'reintegration', {
  adoptPlan: commandRoute({
    name: 'AdoptReintegrationPlan',
    path: 'reintegration-plan',
    roles: TRACK_COMMAND_ROLES,
    body: AdoptReintegrationPlanDto,
    summary: 'Adopt the individual reintegration plan: goals by domain, reviewed every N days',
    description:
      'One plan per case (409 plan-exists). The case moves to stage reintegration; the first review falls due ' +
      'reviewEveryDays (default 90) after adoption and shows as the next deadline.',
    response,
    execute: reintegrationCommand((body: AdoptReintegrationPlanDto) => ({
      type: 'AdoptReintegrationPlan',
      ...givenFields(body),
      goals: body.goals.map(givenFields),
    })),
  }),
  recordService: commandRoute({
    name: 'RecordReintegrationService',
    path: 'reintegration/services',
    roles: TRACK_COMMAND_ROLES,
    body: RecordReintegrationServiceDto,
    summary: 'Record a service delivered by a provider organisation',
    description: 'Needs a plan (409 needs-reintegration-plan) and a domain among its goals (422 service-outside-plan).',
    response,
    execute: reintegrationCommand((body: RecordReintegrationServiceDto) => ({
      type: 'RecordReintegrationService',
      ...givenFields(body),
    })),
  }),
  review: commandRoute({
    name: 'ReviewReintegration',
    path: 'reintegration/reviews',
    roles: TRACK_COMMAND_ROLES,
    body: ReviewReintegrationDto,
    summary: 'Record a periodic review of the plan',
    description: 'Needs a plan (409 needs-reintegration-plan). The next review falls due reviewedOn + reviewEveryDays.',
    response,
    execute: reintegrationCommand((body: ReviewReintegrationDto) => ({
      type: 'ReviewReintegration',
      ...givenFields(body),
    })),
  }),
  complete: commandRoute({
    name: 'CompleteReintegration',
    path: 'reintegration/complete',
    roles: TRACK_COMMAND_ROLES,
    body: CompleteReintegrationDto,
    summary: 'Complete the reintegration plan with its outcome',
    description: 'Needs a plan (409 needs-reintegration-plan) not completed yet (409 reintegration-completed).',
    response,
    execute: reintegrationCommand((body: CompleteReintegrationDto) => ({
      type: 'CompleteReintegration',
      ...givenFields(body),
    })),
  }),
});
