import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertVisible,
  type CaseCommandContext,
  type CaseCommandResult,
  CaseCommands,
} from '@nrm/case/application/case-commands';
import {
  type AssessRepatriationRisk,
  type CancelRepatriation,
  type CompleteRepatriation,
  type RecordTravelDocuments,
  type RepatriationCommand,
  repatriationDecider,
  type RequestRepatriation,
  type ScheduleRepatriation,
} from '../domain/repatriation.decider';

/** What a caller says for a command: the command without its type, actor and time. */
type Payload<C extends RepatriationCommand> = Omit<C, 'type' | 'actor' | 'now'>;

/** Runs a repatriation command on a case the actor may see (404 otherwise, before anything else). */
function run<C extends RepatriationCommand>(
  cases: CaseCommands,
  type: C['type'],
  caseId: string,
  payload: Payload<C>,
  context: CaseCommandContext,
): Promise<CaseCommandResult> {
  return cases.run(caseId, context, repatriationDecider, (state, now): RepatriationCommand => {
    assertVisible(state, caseId, context.actor);
    return { ...payload, type, actor: context.actor, now } as unknown as C;
  });
}

export class RequestRepatriationCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<RequestRepatriation>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(RequestRepatriationCommand)
export class RequestRepatriationHandler implements ICommandHandler<RequestRepatriationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: RequestRepatriationCommand): Promise<CaseCommandResult> {
    return run<RequestRepatriation>(this.cases, 'RequestRepatriation', caseId, payload, context);
  }
}

export class AssessRepatriationRiskCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<AssessRepatriationRisk>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(AssessRepatriationRiskCommand)
export class AssessRepatriationRiskHandler implements ICommandHandler<
  AssessRepatriationRiskCommand,
  CaseCommandResult
> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: AssessRepatriationRiskCommand): Promise<CaseCommandResult> {
    return run<AssessRepatriationRisk>(this.cases, 'AssessRepatriationRisk', caseId, payload, context);
  }
}

export class RecordTravelDocumentsCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<RecordTravelDocuments>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(RecordTravelDocumentsCommand)
export class RecordTravelDocumentsHandler implements ICommandHandler<RecordTravelDocumentsCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: RecordTravelDocumentsCommand): Promise<CaseCommandResult> {
    return run<RecordTravelDocuments>(this.cases, 'RecordTravelDocuments', caseId, payload, context);
  }
}

export class ScheduleRepatriationCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<ScheduleRepatriation>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(ScheduleRepatriationCommand)
export class ScheduleRepatriationHandler implements ICommandHandler<ScheduleRepatriationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: ScheduleRepatriationCommand): Promise<CaseCommandResult> {
    return run<ScheduleRepatriation>(this.cases, 'ScheduleRepatriation', caseId, payload, context);
  }
}

export class CompleteRepatriationCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<CompleteRepatriation>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(CompleteRepatriationCommand)
export class CompleteRepatriationHandler implements ICommandHandler<CompleteRepatriationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: CompleteRepatriationCommand): Promise<CaseCommandResult> {
    return run<CompleteRepatriation>(this.cases, 'CompleteRepatriation', caseId, payload, context);
  }
}

export class CancelRepatriationCommand {
  constructor(
    readonly caseId: string,
    readonly payload: Payload<CancelRepatriation>,
    readonly context: CaseCommandContext,
  ) {}
}

@CommandHandler(CancelRepatriationCommand)
export class CancelRepatriationHandler implements ICommandHandler<CancelRepatriationCommand, CaseCommandResult> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ caseId, payload, context }: CancelRepatriationCommand): Promise<CaseCommandResult> {
    return run<CancelRepatriation>(this.cases, 'CancelRepatriation', caseId, payload, context);
  }
}

export const REPATRIATION_COMMAND_HANDLERS = [
  RequestRepatriationHandler,
  AssessRepatriationRiskHandler,
  RecordTravelDocumentsHandler,
  ScheduleRepatriationHandler,
  CompleteRepatriationHandler,
  CancelRepatriationHandler,
];
