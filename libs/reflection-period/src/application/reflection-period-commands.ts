import { CommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, CaseCommandMessage } from '@nrm/case/application/case-command-handler';
import {
  type EndReflectionPeriod,
  type ExtendReflectionPeriod,
  reflectionPeriodDecider,
} from '@nrm/case/tracks/reflection-period/reflection-period.decider';

/**
 * Extend or end the active reflection period (the decider's rules). Starting one has a handler of
 * its own (a new period id, the configured length); the system expires one (libs/deadlines).
 */
type ActivePeriodCommand = ExtendReflectionPeriod | EndReflectionPeriod;

export class ReflectionPeriodCommandMessage extends CaseCommandMessage<ActivePeriodCommand> {}

@CommandHandler(ReflectionPeriodCommandMessage)
export class ReflectionPeriodCommandHandler extends CaseCommandHandler<ActivePeriodCommand> {
  protected readonly decider = reflectionPeriodDecider;
}
