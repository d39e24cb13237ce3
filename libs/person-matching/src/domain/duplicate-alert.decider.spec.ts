import { coordinator, deciderSpec } from '@nrm/shared-kernel/testing';
import { type AlertedCases, duplicateAlertDecider, type DuplicateAlertEvent } from './duplicate-alert.decider';

const now = new Date('2026-12-01T09:00:00Z');
const alert: AlertedCases = {
  alertId: 'alert-1',
  cases: [
    { caseId: 'case-2', personId: 'person-2' },
    { caseId: 'case-1', personId: 'person-1' },
  ],
};
const linked: DuplicateAlertEvent = {
  type: 'DuplicatePersonLinked',
  data: { ...alert, linkedBy: 'coordinator-1', linkedAt: now.toISOString() },
};
const dismissed: DuplicateAlertEvent = {
  type: 'DuplicateAlertDismissed',
  data: {
    alertId: 'alert-1',
    caseId: 'case-2',
    reason: 'Different mothers',
    dismissedBy: 'coordinator-1',
    dismissedAt: now.toISOString(),
  },
};
const link = { type: 'LinkDuplicatePerson', alert, actor: coordinator, now } as const;
const dismiss = (reason: string) =>
  ({ type: 'DismissDuplicateAlert', alertId: 'alert-1', caseId: 'case-2', reason, actor: coordinator, now }) as const;

const { given } = deciderSpec(duplicateAlertDecider);

describe('Duplicate alert decider', () => {
  it('links an open alert: every case of it, with its person', () => given([]).when(link).then([linked]));

  it('dismisses an open alert with the reason', () => given([]).when(dismiss('Different mothers')).then([dismissed]));

  it('refuses a dismissal without a reason', () =>
    given([]).when(dismiss('  ')).thenRuleBroken('dismissal-needs-reason'));

  it.each([
    ['linked', linked],
    ['dismissed', dismissed],
  ])('a %s alert is resolved: neither linked nor dismissed again', (_, resolution) => {
    given([resolution]).when(link).thenRuleBroken('alert-already-resolved');
    given([resolution]).when(dismiss('Another reason')).thenRuleBroken('alert-already-resolved');
  });
});
