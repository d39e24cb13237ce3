import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommandContext, type CaseCommandResult, CaseCommands } from '@nrm/case/application/case-commands';
import {
  type AssessRepatriationRisk,
  type CancelRepatriation,
  type CompleteRepatriation,
  type RecordTravelDocuments,
  repatriationDecider,
  type RequestRepatriation,
  type ScheduleRepatriation,
  type RepatriationCommand,
} from '../domain/repatriation.decider';

/** What a caller says for a command: the command without its type, actor and time. */
type Payload<C extends RepatriationCommand> = Omit<C, 'type' | 'actor' | 'now'>;

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
    return this.cases.runOnVisibleCase<RequestRepatriation>(caseId, context, repatriationDecider, {
      type: 'RequestRepatriation',
      ...payload,
    });
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
    return this.cases.runOnVisibleCase<AssessRepatriationRisk>(caseId, context, repatriationDecider, {
      type: 'AssessRepatriationRisk',
      ...payload,
    });
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
    return this.cases.runOnVisibleCase<RecordTravelDocuments>(caseId, context, repatriationDecider, {
      type: 'RecordTravelDocuments',
      ...payload,
    });
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
    return this.cases.runOnVisibleCase<ScheduleRepatriation>(caseId, context, repatriationDecider, {
      type: 'ScheduleRepatriation',
      ...payload,
    });
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
    return this.cases.runOnVisibleCase<CompleteRepatriation>(caseId, context, repatriationDecider, {
      type: 'CompleteRepatriation',
      ...payload,
    });
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
    return this.cases.runOnVisibleCase<CancelRepatriation>(caseId, context, repatriationDecider, {
      type: 'CancelRepatriation',
      ...payload,
    });
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
