import { TRACK_COMMAND_ROLES } from '../../application/case-access';
import { onVisibleCase } from '../../application/case-command';
import { commandController, commandRoute, givenFields } from '@nrm/platform/http/command-routes';
import { closeCase, erasePersonalData } from './case-lifecycle.application';
import { caseLifecycleDecider } from './case-lifecycle.decider';
import { CloseCaseDto, ErasePersonalDataDto, ReopenCaseDto, TransferCaseDto } from './case-lifecycle.dto';

const lifecycleCommand = onVisibleCase(caseLifecycleDecider);
const response = {
  description: 'New revision (also as ETag) and the global position, to pass as minPosition on reads',
  example: { caseId: '7a1c…', revision: 4, position: '57' },
};

export const CaseLifecycleController = commandController('CaseLifecycleController', 'cases', 'cases', {
  close: commandRoute({
    name: 'CloseCase',
    path: ':id/close',
    roles: TRACK_COMMAND_ROLES,
    body: CloseCaseDto,
    summary: 'Close a case with a reason',
    description:
      'A closed case rejects every command but reopen (409, rule case-not-closed). The closure ends the ' +
      "case's open placements on their shelters (requested, accepted, checked in: state ended), freeing their " +
      'beds. Closing a closed case is 409 ' +
      "case-not-closed; reason 'status-refused' needs a refused victim status (409 " +
      'closure-status-refused-needs-refusal).',
    response,
    execute: ({ id, body }, context, services) => closeCase({ id, body: givenFields(body) }, context, services),
  }),
  reopen: commandRoute({
    name: 'ReopenCase',
    path: ':id/reopen',
    roles: TRACK_COMMAND_ROLES,
    body: ReopenCaseDto,
    summary: 'Reopen a closed case',
    description:
      'The case goes back to the stage it was closed in. Reopening a case that is not closed is 409 case-is-closed.',
    response,
    execute: lifecycleCommand((body: ReopenCaseDto) => ({ type: 'ReopenCase', ...givenFields(body) })),
  }),
  transfer: commandRoute({
    name: 'TransferCase',
    path: ':id/transfer',
    roles: TRACK_COMMAND_ROLES,
    body: TransferCaseDto,
    summary: 'Transfer a case to another organisation',
    description:
      'The receiver owns the case from now on: its staff see it, the former owner no longer does (coordinators ' +
      'and the competent authority see every case). Transferring to the current owner is 422 ' +
      'transfer-to-another-organisation; a closed case is 409 case-not-closed.',
    response,
    execute: lifecycleCommand((body: TransferCaseDto) => ({ type: 'TransferCase', ...givenFields(body) })),
  }),
  erasePersonalData: commandRoute({
    name: 'ErasePersonalData',
    path: ':id/erase-personal-data',
    roles: ['coordinator'],
    body: ErasePersonalDataDto,
    summary: "Erase the person's personal data by legal order (crypto-shredding)",
    description:
      "Coordinators only. Needs the prosecutor's or court's decision (legalBasis); without it 422 " +
      "erasure-needs-legal-basis. The person's key is destroyed: every personal field of every event " +
      'about them becomes unreadable, every read model shows the data as erased (person and narrative ' +
      'null, personalDataErased true), and a rebuild cannot bring it back. The case, its timeline and ' +
      'its countable facts (statistics) remain. Allowed on a closed case. A second erasure of the same ' +
      'person appends nothing and answers 200.',
    response,
    execute: erasePersonalData,
  }),
});
