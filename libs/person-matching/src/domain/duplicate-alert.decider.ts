import { type Actor, type Decider, DomainRuleViolation } from '@nrm/shared-kernel';

/** The cases an alert names: the new case and the earlier ones whose person may be the same. */
export interface AlertedCases {
  alertId: string;
  /** Each case with its (pseudonymous) person id: statistics count a linked person once by it. */
  cases: ReadonlyArray<{ caseId: string; personId: string }>;
}

export type DuplicateAlertEvent =
  | {
      type: 'DuplicatePersonLinked';
      data: AlertedCases & { linkedBy: string; linkedAt: string };
    }
  | {
      type: 'DuplicateAlertDismissed';
      /** `caseId`: the alerted case, whose key protects the reason (its erasure erases the reason). */
      data: { alertId: string; caseId: string; reason: string; dismissedBy: string; dismissedAt: string };
    };

export type DuplicateAlertCommand =
  | { type: 'LinkDuplicatePerson'; alert: AlertedCases; actor: Actor; now: Date }
  | { type: 'DismissDuplicateAlert'; alertId: string; caseId: string; reason: string; actor: Actor; now: Date };

/** An alert is open until a coordinator links its cases as one person or dismisses it. */
export type DuplicateAlertState = { status: 'open' } | { status: 'linked' | 'dismissed'; at: string };

/**
 * A coordinator's resolution of a possible-duplicate alert (stream duplicate-alert-<alertId>).
 * The alert itself is recorded write-side when the case is opened (see PersonBlindIndex), not as
 * an event: an event would take a global position the opening officer could notice.
 */
export const duplicateAlertDecider: Decider<DuplicateAlertState, DuplicateAlertCommand, DuplicateAlertEvent> = {
  initialState: () => ({ status: 'open' }),

  decide(command, state) {
    if (state.status !== 'open') {
      throw new DomainRuleViolation(
        'alert-already-resolved',
        `The alert was already ${state.status} (${state.at})`,
        'conflict',
      );
    }
    if (command.type === 'LinkDuplicatePerson') {
      return [
        {
          type: 'DuplicatePersonLinked',
          data: { ...command.alert, linkedBy: command.actor.userId, linkedAt: command.now.toISOString() },
        },
      ];
    }
    if (command.reason.trim().length === 0) {
      throw new DomainRuleViolation(
        'dismissal-needs-reason',
        'reason must say why the cases are not the same person',
        'unprocessable',
        'reason',
      );
    }
    return [
      {
        type: 'DuplicateAlertDismissed',
        data: {
          alertId: command.alertId,
          caseId: command.caseId,
          reason: command.reason,
          dismissedBy: command.actor.userId,
          dismissedAt: command.now.toISOString(),
        },
      },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'DuplicatePersonLinked':
        return { status: 'linked', at: event.data.linkedAt };
      case 'DuplicateAlertDismissed':
        return { status: 'dismissed', at: event.data.dismissedAt };
      default:
        return state;
    }
  },
};
