import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommandContext, type CaseCommandResult, CaseCommands } from '@nrm/case/application/case-commands';
import {
  type AdoptReintegrationPlan,
  type CompleteReintegration,
  type RecordReintegrationService,
  reintegrationDecider,
  type ReviewReintegration,
  type ReintegrationCommand,
} from '../domain/reintegration.decider';

/** What a caller says for a command: the command without its type, actor and time. */
type Payload<C extends ReintegrationCommand> = Omit<C, 'type' | 'actor' | 'now'>;

export class AdoptReintegrationPlanCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<AdoptReintegrationPlan>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(AdoptReintegrationPlanCommand)
export class AdoptReintegrationPlanHandler implements ICommandHandler<
  AdoptReintegrationPlanCommand,
  CaseCommandResult
> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: AdoptReintegrationPlanCommand): Promise<CaseCommandResult> {
    return this.cases.runOnVisibleCase<AdoptReintegrationPlan>(caseId, context, reintegrationDecider, {
      type: 'AdoptReintegrationPlan',
      ...payload,
    });
  }
}

export class RecordReintegrationServiceCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<RecordReintegrationService>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(RecordReintegrationServiceCommand)
export class RecordReintegrationServiceHandler implements ICommandHandler<
  RecordReintegrationServiceCommand,
  CaseCommandResult
> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: RecordReintegrationServiceCommand): Promise<CaseCommandResult> {
    return this.cases.runOnVisibleCase<RecordReintegrationService>(caseId, context, reintegrationDecider, {
      type: 'RecordReintegrationService',
      ...payload,
    });
  }
}

export class ReviewReintegrationCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<ReviewReintegration>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(ReviewReintegrationCommand)
export class ReviewReintegrationHandler implements ICommandHandler<ReviewReintegrationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: ReviewReintegrationCommand): Promise<CaseCommandResult> {
    return this.cases.runOnVisibleCase<ReviewReintegration>(caseId, context, reintegrationDecider, {
      type: 'ReviewReintegration',
      ...payload,
    });
  }
}

export class CompleteReintegrationCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<CompleteReintegration>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(CompleteReintegrationCommand)
export class CompleteReintegrationHandler implements ICommandHandler<CompleteReintegrationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: CompleteReintegrationCommand): Promise<CaseCommandResult> {
    return this.cases.runOnVisibleCase<CompleteReintegration>(caseId, context, reintegrationDecider, {
      type: 'CompleteReintegration',
      ...payload,
    });
  }
}

export const REINTEGRATION_COMMAND_HANDLERS = [
  AdoptReintegrationPlanHandler,
  RecordReintegrationServiceHandler,
  ReviewReintegrationHandler,
  CompleteReintegrationHandler,
];
