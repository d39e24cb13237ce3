import type { CaseClosed, CaseReopened, GuardianAppointed } from '@nrm/case/domain';
import { caseOpened, SPEC_NOW } from '@nrm/case/testing';
import type { Actor } from '@nrm/shared-kernel';
import { deciderSpec } from '@nrm/shared-kernel/testing';
import { type CheckCaseForPlacement, placementCaseDecider } from './placement-case.decider';

const now = SPEC_NOW;
const staff: Actor = {
  userId: 'staff-1',
  name: 'Shelter Staff',
  organisationId: 'ngo-tamas',
  organisationType: 'ngo',
  roles: ['shelter-staff'],
};
const { given } = deciderSpec(placementCaseDecider);

const opened = caseOpened();
const openedChild = caseOpened({ isChild: true, ageAtIdentification: 15 });
const closed: CaseClosed = {
  type: 'CaseClosed',
  data: { caseId: 'case-1', reason: 'lost-contact', stageBeforeClosure: 'identification', closedAt: now.toISOString() },
};
const reopened: CaseReopened = {
  type: 'CaseReopened',
  data: {
    caseId: 'case-1',
    personId: 'person-1',
    reason: 'Back',
    stage: 'identification',
    reopenedAt: now.toISOString(),
  },
};
const guardian: GuardianAppointed = {
  type: 'GuardianAppointed',
  data: {
    caseId: 'case-1',
    personId: 'person-1',
    guardianName: 'Leyla Həsənova',
    appointedBy: 'guardianship-baku',
    appointedOn: '2026-11-21',
  },
};
const check: CheckCaseForPlacement = { type: 'CheckCaseForPlacement', actor: staff, now };

describe("Placement: the case's side of an accept or a check-in", () => {
  it('lets an open adult case take a bed, appending nothing to the case', () =>
    given([opened])
      .when(check)
      .then((events) => expect(events).toEqual([])));

  it('refuses a closed case: a closed case refuses every command but reopen', () =>
    given([opened, closed]).when(check).thenRuleBroken('case-not-closed'));

  it('lets a reopened case take a bed again', () =>
    given([opened, closed, reopened])
      .when(check)
      .then((events) => expect(events).toEqual([])));

  it('refuses a case that does not exist', () => given([]).when(check).thenRuleBroken('case-exists'));

  it("refuses a child's case without a guardian", () =>
    given([openedChild]).when(check).thenRuleBroken('guardian-before-placement'));

  it("lets a child's case take a bed once a guardian is appointed", () =>
    given([openedChild, guardian])
      .when(check)
      .then((events) => expect(events).toEqual([])));
});
