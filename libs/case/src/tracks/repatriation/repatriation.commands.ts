import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { onVisibleCase } from '../../application/case-command';
import { commandController, commandRoute, givenFields } from '@nrm/platform/http/command-routes';
import { repatriationDecider } from './repatriation.decider';
import {
  AssessRepatriationRiskDto,
  CancelRepatriationDto,
  CompleteRepatriationDto,
  RecordTravelDocumentsDto,
  RequestRepatriationDto,
  ScheduleRepatriationDto,
} from './repatriation.dto';

const repatriationCommand = onVisibleCase(repatriationDecider);
const response = {
  description: 'New revision (also as ETag) and the global position of the event, for minPosition on reads',
  example: { caseId: '7a1c…', revision: 3, position: '57' },
};

/** Repatriation (DESIGN §3.5): voluntary, with consent, a risk assessment before travel. */
export const RepatriationController = commandController(
  'RepatriationController',
  'cases/:id/repatriation',
  'repatriation',
  {
    request: commandRoute({
      name: 'RequestRepatriation',
      path: '',
      roles: TRACK_COMMAND_ROLES,
      body: RequestRepatriationDto,
      summary: 'Open a repatriation with the voluntary consent of the person',
      description:
        'Refused with 422 repatriation-needs-voluntary-consent without consent; 409 ' +
        'no-repatriation-during-reflection-period while a reflection period is active (unless the person asked to ' +
        'end it); 409 repatriation-already-open while another is open.',
      response,
      execute: repatriationCommand((body: RequestRepatriationDto) => ({
        type: 'RequestRepatriation',
        ...givenFields(body),
      })),
    }),
    assessRisk: commandRoute({
      name: 'AssessRepatriationRisk',
      path: 'risk-assessment',
      roles: TRACK_COMMAND_ROLES,
      body: AssessRepatriationRiskDto,
      summary: 'Record a risk assessment of the return',
      description: 'The latest assessment counts: a high risk not mitigated blocks scheduling and completion.',
      response,
      execute: repatriationCommand((body: AssessRepatriationRiskDto) => ({
        type: 'AssessRepatriationRisk',
        ...givenFields(body),
      })),
    }),
    recordTravelDocuments: commandRoute({
      name: 'RecordTravelDocuments',
      path: 'travel-documents',
      roles: TRACK_COMMAND_ROLES,
      body: RecordTravelDocumentsDto,
      summary: 'Record travel documents issued for the return (no document numbers)',
      response,
      execute: repatriationCommand((body: RecordTravelDocumentsDto) => ({
        type: 'RecordTravelDocuments',
        ...givenFields(body),
      })),
    }),
    schedule: commandRoute({
      name: 'ScheduleRepatriation',
      path: 'schedule',
      roles: TRACK_COMMAND_ROLES,
      body: ScheduleRepatriationDto,
      summary: 'Schedule the travel',
      description:
        'Needs the voluntary consent, a risk assessment (409 schedule-needs-risk-assessment) that is not an ' +
        'unmitigated high risk (409 high-risk-not-mitigated) and travel documents (409 ' +
        'schedule-needs-travel-documents); the travel date may not lie in the past (422 travel-date-not-in-past).',
      response,
      execute: repatriationCommand((body: ScheduleRepatriationDto) => ({
        type: 'ScheduleRepatriation',
        ...givenFields(body),
      })),
    }),
    complete: commandRoute({
      name: 'CompleteRepatriation',
      path: 'complete',
      roles: TRACK_COMMAND_ROLES,
      body: CompleteRepatriationDto,
      summary: 'Record the arrival: the repatriation is complete',
      description:
        'Only a scheduled repatriation (409 repatriation-not-scheduled); arrivedOn not in the future (422 ' +
        'arrival-not-in-future) and not before the scheduled travel date (422 arrival-not-before-travel). The case ' +
        'moves to stage repatriation.',
      response,
      execute: repatriationCommand((body: CompleteRepatriationDto) => ({
        type: 'CompleteRepatriation',
        ...givenFields(body),
      })),
    }),
    cancel: commandRoute({
      name: 'CancelRepatriation',
      path: 'cancel',
      roles: TRACK_COMMAND_ROLES,
      body: CancelRepatriationDto,
      summary: 'Cancel the open repatriation, with a reason (409 no-open-repatriation when none)',
      response,
      execute: repatriationCommand((body: CancelRepatriationDto) => ({
        type: 'CancelRepatriation',
        ...givenFields(body),
      })),
    }),
  },
);
