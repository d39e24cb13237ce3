import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { assertVisible, type CaseCommandContext, type CaseCommandResult, CaseCommands } from '@nrm/case';
import { type CaseEvent, type CaseState, caseStreamName } from '@nrm/case/domain';
import {
  type CommandGate,
  type PendingApproval,
  approvalRequiredCommands,
  Environment,
  StreamCommands,
} from '@nrm/platform';
import type { Decider } from '@nrm/shared-kernel';
import type { ApprovableCommandType } from '../domain/approval.events';
import {
  type ApprovalCommand,
  approvalsDecider,
  type CaseWithApprovals,
  type GatedDeciders,
  mayApprove,
  type StatedCommand,
} from '../domain/approvals.decider';
import { ApprovalQueries } from './approval-queries';

/** The two steps of a gated command's append, for a context that must act around them. */
export interface GatedAppend {
  /** Every refusal the append would meet now, appending nothing. */
  check(): Promise<void>;
  append(): Promise<CaseCommandResult>;
}

/** A command a country may put under approval, as its context declares it to the gate. */
export interface GatedCommandDefinition {
  name: ApprovableCommandType;
  decider: Decider<CaseState, never, CaseEvent>;
  /** How its append is carried out when it must act elsewhere too (a closure ends the placements). */
  around?: (caseId: string, context: CaseCommandContext, append: GatedAppend) => Promise<CaseCommandResult>;
}

/** A gated command asked by someone who may not act alone: recorded, waiting for an approver (HTTP 202). */
export interface ApprovalRequestResult extends CaseCommandResult, PendingApproval {}

export interface ApprovalDecisionResult extends CaseCommandResult {
  approvalId: string;
  status: 'granted' | 'rejected';
}

/**
 * Supervisor approvals (README "Supervisor approvals"). The command pipeline calls `intercept` before a
 * gated definition runs one of the commands the country gates (APPROVAL_REQUIRED_COMMANDS): 'proceed' when the command is
 * not gated or the caller may approve it (a coordinator, a supervisor of the responsible organisation:
 * no one approves their own decision); otherwise the request is recorded on the case stream, refused
 * now if the command would be. `grant` and `reject` decide a pending approval; the grant runs the
 * command through its own context's decider, on the case as it is then, in the same append.
 */
@Injectable()
export class ApprovalGate implements CommandGate {
  private readonly definitions = new Map<ApprovableCommandType, GatedCommandDefinition>();
  private readonly required: ReadonlySet<ApprovableCommandType>;

  constructor(
    private readonly streams: StreamCommands,
    private readonly env: Environment,
    private readonly approvals: ApprovalQueries,
    private readonly cases: CaseCommands,
  ) {
    this.required = new Set(approvalRequiredCommands(env));
  }

  /** Each context declares its gateable commands once (its command handler, when it is built). */
  register(definition: GatedCommandDefinition): void {
    this.definitions.set(definition.name, definition);
  }

  async intercept(
    name: ApprovableCommandType,
    caseId: string,
    command: Omit<StatedCommand, 'type'>,
    context: CaseCommandContext,
  ): Promise<'proceed' | ApprovalRequestResult> {
    if (!this.required.has(name)) return 'proceed';
    const current = await this.load(caseId);
    assertVisible(current.case, caseId, context.actor);
    if (mayApprove(context.actor, current.case.organisationId)) return 'proceed';
    const approvalId = randomUUID();
    const result = await this.run(caseId, context, (state, now) => {
      assertVisible(state.case, caseId, context.actor);
      return {
        type: 'RequestApproval',
        approvalId,
        command: { ...command, type: name },
        dueAt: new Date(now.getTime() + this.env.APPROVAL_DEADLINE_HOURS * 3_600_000),
        actor: context.actor,
        now,
      };
    });
    return { ...result, approvalId, status: 'pending' };
  }

  async grant(approvalId: string, context: CaseCommandContext): Promise<ApprovalDecisionResult> {
    const approval = await this.approvals.locate(approvalId, context.actor);
    const definition = this.definitionOf(approval.commandType as ApprovableCommandType);
    const grant = (now: Date): ApprovalCommand => ({ type: 'GrantApproval', approvalId, actor: context.actor, now });
    const append: GatedAppend = {
      check: () =>
        this.streams.assertWouldDecide(
          this.decider(),
          caseStreamName(approval.caseId),
          (_state, now) => grant(now),
          context.expectedRevision,
        ),
      append: () => this.run(approval.caseId, context, (_state, now) => grant(now)),
    };
    const result = definition.around
      ? await definition.around(approval.caseId, context, append)
      : await append.append();
    return { ...result, approvalId, status: 'granted' };
  }

  async reject(approvalId: string, reason: string, context: CaseCommandContext): Promise<ApprovalDecisionResult> {
    const approval = await this.approvals.locate(approvalId, context.actor);
    const result = await this.run(approval.caseId, context, (_state, now) => ({
      type: 'RejectApproval',
      approvalId,
      reason,
      actor: context.actor,
      now,
    }));
    return { ...result, approvalId, status: 'rejected' };
  }

  private decider() {
    const gated: GatedDeciders = {};
    for (const [name, definition] of this.definitions) gated[name] = definition.decider;
    return approvalsDecider(gated);
  }

  private definitionOf(name: ApprovableCommandType): GatedCommandDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No context registered the gated command ${name}`);
    return definition;
  }

  /** The case and its approvals as its stream holds them now. */
  private async load(caseId: string): Promise<CaseWithApprovals> {
    return (await this.streams.read(caseStreamName(caseId), this.decider())).state;
  }

  private run(
    caseId: string,
    context: CaseCommandContext,
    build: (state: CaseWithApprovals, now: Date) => ApprovalCommand,
  ): Promise<CaseCommandResult> {
    return this.cases.run(caseId, context, this.decider(), build);
  }
}
