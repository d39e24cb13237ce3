import { DomainRuleViolation } from '@nrm/shared-kernel';
import type { CaseState, ExistingCase } from '../tracks/case-state';

/**
 * Rules every command on an existing case obeys, whatever its context. A closed case rejects every
 * command but reopen (DESIGN §3.7).
 */
export function assertOpenCase(state: CaseState): asserts state is ExistingCase {
  if (!state.exists) throw new DomainRuleViolation('case-exists', 'There is no such case', 'conflict');
  if (state.stage === 'closed') {
    throw new DomainRuleViolation('case-not-closed', 'The case is closed: reopen it first', 'conflict');
  }
}
