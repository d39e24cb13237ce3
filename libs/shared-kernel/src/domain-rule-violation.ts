/**
 * A command that breaks a rule of the domain. Never appends anything.
 * `conflict`: the command cannot apply to the current state (HTTP 409);
 * `unprocessable`: the command itself contradicts a rule (HTTP 422).
 */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly kind: 'conflict' | 'unprocessable' = 'unprocessable',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}
