import { type Decider, foldEvents } from '../decider';
import { DomainRuleViolation } from '../domain-rule-violation';

/**
 * Given/when/then for a decider (as emmett's DeciderSpecification):
 * `given(events).when(command).then([expected events])`, `.then(events => …)` for a partial check,
 * or `.thenRuleBroken('rule')`; `stateAfter(events)` is the state the events fold to.
 */
export function deciderSpec<State, Command, Event>(decider: Decider<State, Command, Event>) {
  const stateAfter = (events: readonly Event[]): State => foldEvents(decider, events);
  return {
    stateAfter,
    given(events: Event[]) {
      const state = stateAfter(events);
      return {
        when: (command: Command) => ({
          then: (expected: Event[] | ((events: Event[]) => void)) => {
            const decided = decider.decide(command, state);
            if (typeof expected === 'function') expected(decided);
            else expect(decided).toEqual(expected);
          },
          thenRuleBroken: (rule: string) => {
            let decided: Event[] | undefined;
            try {
              decided = decider.decide(command, state);
            } catch (error) {
              expect(error).toBeInstanceOf(DomainRuleViolation);
              expect((error as DomainRuleViolation).rule).toBe(rule);
              return;
            }
            throw new Error(`expected rule ${rule} to be broken, but the command decided ${JSON.stringify(decided)}`);
          },
        }),
      };
    },
  };
}
