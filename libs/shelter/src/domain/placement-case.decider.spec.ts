import { caseClosed, caseOpened, caseReopened, guardianAppointed, SPEC_NOW } from '@nrm/case/testing';
import { deciderSpec, shelterStaff } from '@nrm/shared-kernel/testing';
import { type CheckCaseForPlacement, placementCaseDecider } from './placement-case.decider';

const { given } = deciderSpec(placementCaseDecider);

const opened = caseOpened();
const openedChild = caseOpened({ isChild: true, ageAtIdentification: 15 });
const closed = caseClosed();
const reopened = caseReopened();
const guardian = guardianAppointed();
const check: CheckCaseForPlacement = { type: 'CheckCaseForPlacement', actor: shelterStaff, now: SPEC_NOW };

describe("Placement: the case's side of an accept or a check-in", () => {
  it('lets an open adult case take a bed, appending nothing to the case', () => given([opened]).when(check).then([]));

  it('refuses a closed case: a closed case refuses every command but reopen', () =>
    given([opened, closed]).when(check).thenRuleBroken('case-not-closed'));

  it('lets a reopened case take a bed again', () => given([opened, closed, reopened]).when(check).then([]));

  it('refuses a case that does not exist', () => given([]).when(check).thenRuleBroken('case-exists'));

  it("refuses a child's case without a guardian", () =>
    given([openedChild]).when(check).thenRuleBroken('guardian-before-placement'));

  it("lets a child's case take a bed once a guardian is appointed", () =>
    given([openedChild, guardian]).when(check).then([]));
});
