import type { CaseEvent } from '@nrm/case/domain';
import { caseClosed, caseOpened, caseTransferred, caseWorker, SPEC_NOW } from '@nrm/case/testing';
import { caseLifecycleDecider, reintegrationDecider } from '@nrm/case';
import { type Actor, DomainRuleViolation, ForbiddenError } from '@nrm/shared-kernel';
import { coordinator, deciderSpec } from '@nrm/shared-kernel/testing';
import type { ApprovalEvent, ApprovalRequested } from './approval.events';
import { type ApprovalCommand, approvalsDecider, type GatedDeciders, mayApprove } from './approvals.decider';

const gated: GatedDeciders = { CloseCase: caseLifecycleDecider, AdoptReintegrationPlan: reintegrationDecider };
const decider = approvalsDecider(gated);
const { given, stateAfter } = deciderSpec(decider);

const now = SPEC_NOW;
const later = new Date(now.getTime() + 3_600_000);
const dueAt = new Date(now.getTime() + 48 * 3_600_000);
const requester = caseWorker(); // of ngo-clean-world, which opened the case
const supervisor: Actor = { ...caseWorker(), userId: 'supervisor-1', name: 'Supervisor', roles: ['supervisor'] };
const otherSupervisor: Actor = { ...supervisor, userId: 'supervisor-2', organisationId: 'ngo-ganja' };
const opened = caseOpened();
const closeCommand = { type: 'CloseCase' as const, reason: 'lost-contact', note: 'No answer since May' };

const requestClose = (approvalId = 'approval-1'): ApprovalCommand => ({
  type: 'RequestApproval',
  approvalId,
  command: closeCommand,
  dueAt,
  actor: requester,
  now,
});
const grant = (actor: Actor = supervisor, approvalId = 'approval-1'): ApprovalCommand => ({
  type: 'GrantApproval',
  approvalId,
  actor,
  now: later,
});
const reject = (reason = 'Try to reach her family first', actor: Actor = supervisor): ApprovalCommand => ({
  type: 'RejectApproval',
  approvalId: 'approval-1',
  reason,
  actor,
  now: later,
});

const requested = (approvalId = 'approval-1'): ApprovalRequested => ({
  type: 'ApprovalRequested',
  data: {
    approvalId,
    caseId: 'case-1',
    caseNumber: 'NRM-2026-000001',
    personId: 'person-1',
    commandType: 'CloseCase',
    command: closeCommand,
    approverOrganisationId: 'ngo-clean-world',
    requestedBy: { userId: 'worker-1', name: 'Case Worker', organisationId: 'ngo-clean-world' },
    requestedAt: now.toISOString(),
    dueAt: dueAt.toISOString(),
  },
});
const rejected = (): ApprovalEvent => ({
  type: 'ApprovalRejected',
  data: {
    approvalId: 'approval-1',
    caseId: 'case-1',
    caseNumber: 'NRM-2026-000001',
    personId: 'person-1',
    commandType: 'CloseCase',
    requestedBy: requested().data.requestedBy,
    reason: 'Try to reach her family first',
    rejectedAt: later.toISOString(),
  },
});

function refusal(history: (CaseEvent | ApprovalEvent)[], command: ApprovalCommand): unknown {
  try {
    decider.decide(command, stateAfter(history));
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('Approvals decider: request', () => {
  it('records the command as stated, who asked, the responsible organisation and the due time', () =>
    given([opened]).when(requestClose()).then([requested()]));

  it('refuses now what the command itself would be refused (a closed case cannot be closed), appending nothing', () =>
    given([opened, caseClosed()]).when(requestClose()).thenRuleBroken('case-not-closed'));

  it('allows one pending approval per command and case (409 approval-pending)', () =>
    given([opened, requested()]).when(requestClose('approval-2')).thenRuleBroken('approval-pending'));

  it('takes a resubmission after a rejection as a new request', () =>
    given([opened, requested(), rejected()])
      .when(requestClose('approval-2'))
      .then([requested('approval-2')]));
});

describe('Approvals decider: grant', () => {
  it("appends ApprovalGranted and the command's own events, decided with the approver, at the approval", () =>
    given([opened, requested()])
      .when(grant())
      .then([
        {
          type: 'ApprovalGranted',
          data: {
            approvalId: 'approval-1',
            caseId: 'case-1',
            caseNumber: 'NRM-2026-000001',
            commandType: 'CloseCase',
            requestedBy: requested().data.requestedBy,
            grantedAt: later.toISOString(),
          },
        },
        caseClosed({ reason: 'lost-contact', note: 'No answer since May', closedAt: later.toISOString() }),
      ]));

  it('a coordinator approves too', () =>
    given([opened, requested()])
      .when(grant(coordinator))
      .then((events) => expect(events.map((event) => event.type)).toEqual(['ApprovalGranted', 'CaseClosed'])));

  it('re-runs the rules on the case as it is now: refused when they no longer hold', () =>
    given([opened, requested(), caseClosed({ reason: 'deceased' })])
      .when(grant())
      .thenRuleBroken('case-not-closed'));

  it('refuses a decided approval (409 approval-not-pending)', () =>
    given([opened, requested(), rejected()]).when(grant()).thenRuleBroken('approval-not-pending'));

  it('cannot execute a command whose personal data was erased', () => {
    const erased = requested();
    const { command: _erased, ...withoutCommand } = erased.data;
    given([opened, { ...erased, data: withoutCommand as ApprovalRequested['data'] }])
      .when(grant())
      .thenRuleBroken('approval-command-erased');
  });
});

describe('Approvals decider: reject', () => {
  it('records the reason and changes nothing else', () =>
    given([opened, requested()]).when(reject()).then([rejected()]));

  it('needs a reason (422 rejection-needs-reason, field reason)', () => {
    const error = refusal([opened, requested()], reject('   '));
    expect(error).toBeInstanceOf(DomainRuleViolation);
    expect(error).toMatchObject({ rule: 'rejection-needs-reason', kind: 'unprocessable', field: 'reason' });
  });
});

describe('Approvals decider: who may approve', () => {
  it('a coordinator, or a supervisor of the organisation responsible for the case', () => {
    expect(mayApprove(coordinator, 'ngo-clean-world')).toBe(true);
    expect(mayApprove(supervisor, 'ngo-clean-world')).toBe(true);
    expect(mayApprove(otherSupervisor, 'ngo-clean-world')).toBe(false);
    expect(mayApprove(requester, 'ngo-clean-world')).toBe(false);
  });

  it.each([
    ['the requester (a case worker)', requester],
    ['a supervisor of another organisation', otherSupervisor],
  ])('%s can neither grant nor reject (forbidden)', (_who, actor) => {
    expect(refusal([opened, requested()], grant(actor))).toBeInstanceOf(ForbiddenError);
    expect(refusal([opened, requested()], reject('No', actor))).toBeInstanceOf(ForbiddenError);
  });

  it("after a transfer, the receiver's supervisors decide, no longer the former owner's", () => {
    const transferred = caseTransferred('moved');
    expect(refusal([opened, requested(), transferred], grant(supervisor))).toBeInstanceOf(ForbiddenError);
    given([opened, requested(), transferred])
      .when(grant(otherSupervisor))
      .then((events) => expect(events[0].type).toBe('ApprovalGranted'));
  });
});
