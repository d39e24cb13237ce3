import { caseCommandAnswer } from '../../http/track-routes';

/** The OpenAPI prose of the case lifecycle's routes (case-lifecycle.commands.ts): their answer and descriptions. */
export const CASE_LIFECYCLE_OPENAPI = {
  name: 'CaseLifecycleController',
  tag: 'cases',
  response: caseCommandAnswer(
    'New revision (also as ETag) and the global position, to pass as minPosition on reads',
    4,
    '57',
  ),
  descriptions: {
    close:
      'A closed case rejects every command but reopen (409, rule case-not-closed). The closure ends the ' +
      "case's open placements on their shelters (requested, accepted, checked in: state ended), freeing their " +
      'beds. Closing a closed case is 409 ' +
      "case-not-closed; reason 'status-refused' needs a refused victim status (409 " +
      'closure-status-refused-needs-refusal). Where the country puts closure under approval (CloseCase in ' +
      'APPROVAL_REQUIRED_COMMANDS, the default), a caller who is neither a coordinator nor a supervisor of ' +
      "the case's organisation gets 202: the closure is checked as above and recorded as an approval request " +
      '(README "Supervisor approvals").',
    reopen:
      'The case goes back to the stage it was closed in. Reopening a case that is not closed is 409 case-is-closed.',
    transfer:
      'The receiver owns the case from now on: its staff see it, the former owner no longer does (coordinators ' +
      'and the competent authority see every case). Transferring to the current owner is 422 ' +
      'transfer-to-another-organisation; a closed case is 409 case-not-closed.',
    erasePersonalData:
      "Coordinators only. Needs the prosecutor's or court's decision (legalBasis); without it 422 " +
      "erasure-needs-legal-basis. The person's key is destroyed: every personal field of every event " +
      'about them becomes unreadable, every read model shows the data as erased (person and narrative ' +
      'null, personalDataErased true), and a rebuild cannot bring it back. The case, its timeline and ' +
      'its countable facts (statistics) remain. Allowed on a closed case. A second erasure of the same ' +
      'person appends nothing and answers 200.',
  },
};
