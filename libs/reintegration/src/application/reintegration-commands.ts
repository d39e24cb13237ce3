import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import {
  type AdoptReintegrationPlan,
  type CompleteReintegration,
  type RecordReintegrationService,
  type ReintegrationCommand,
  reintegrationDecider,
  type ReviewReintegration,
} from '../domain/reintegration.decider';

/** What a caller says for a command: the command without its type, actor and time. */
type Payload<C extends ReintegrationCommand> = Omit<C, 'type' | 'actor' | 'now'>;

/** Runs a reintegration command on a case the actor may see (404 otherwise, before anything else). */
function run<C extends ReintegrationCommand>(
  cases: CaseCommands,
  type: C['type'],
  caseId: string,
  payload: Payload<C>,
  context: CaseCommandContext,
): Promise<CaseCommandResult> {
  return cases.run(caseId, context, reintegrationDecider, (state, now): ReintegrationCommand => {
    assertVisible(state, caseId, context.actor);
    return { ...payload, type, actor: context.actor, now } as unknown as C;
  });
}

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
    return run<AdoptReintegrationPlan>(this.cases, 'AdoptReintegrationPlan', caseId, payload, context);
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
    return run<RecordReintegrationService>(this.cases, 'RecordReintegrationService', caseId, payload, context);
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
    return run<ReviewReintegration>(this.cases, 'ReviewReintegration', caseId, payload, context);
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
    return run<CompleteReintegration>(this.cases, 'CompleteReintegration', caseId, payload, context);
  }
}

export const REINTEGRATION_COMMAND_HANDLERS = [
  AdoptReintegrationPlanHandler,
  RecordReintegrationServiceHandler,
  ReviewReintegrationHandler,
  CompleteReintegrationHandler,
];
