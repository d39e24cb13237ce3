import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { answerGated, APPROVAL_REQUESTED_RESPONSE } from '@nrm/approvals/http/gated-response';
import type { ApprovalRequestResult } from '@nrm/approvals/application/approval-gate';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { CaseLifecycleCommandMessage } from '../application/case-lifecycle-commands';
import { ErasePersonalDataCommand } from '../application/erase-personal-data';
import { CloseCaseDto, ErasePersonalDataDto, ReopenCaseDto, TransferCaseDto } from './case-lifecycle.dto';

const LIFECYCLE_ROLES = [
  'coordinator',
  'case-worker',
  'competent-authority-officer',
  'first-responder',
  'supervisor',
] as const;

const commandResult = {
  description: 'New revision (also as ETag) and the global position, to pass as minPosition on reads',
  schema: { example: { caseId: '7a1c…', revision: 4, position: '57' } },
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseLifecycleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Post(':id/close')
  @HttpCode(200)
  @AllowRoles(...LIFECYCLE_ROLES)
  @ApiOperation({
    summary: 'Close a case with a reason',
    description:
      'A closed case rejects every command but reopen (409, rule case-not-closed). The closure ends the ' +
      "case's open placements on their shelters (requested, accepted, checked in: state ended), freeing their " +
      'beds. Closing a closed case is 409 ' +
      "case-not-closed; reason 'status-refused' needs a refused victim status (409 " +
      'closure-status-refused-needs-refusal). Where the country puts closure under approval (CloseCase in ' +
      'APPROVAL_REQUIRED_COMMANDS, the default), a caller who is neither a coordinator nor a supervisor of ' +
      "the case's organisation gets 202: the closure is checked as above and recorded as an approval request " +
      '(README "Supervisor approvals").',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  @ApiResponse(APPROVAL_REQUESTED_RESPONSE)
  async close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseCaseDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult | ApprovalRequestResult> {
    const result = await this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(new CaseLifecycleCommandMessage(id, { type: 'CloseCase', ...body }, context)),
    );
    return answerGated(result, command.response);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @AllowRoles(...LIFECYCLE_ROLES)
  @ApiOperation({
    summary: 'Reopen a closed case',
    description:
      'The case goes back to the stage it was closed in. Reopening a case that is not closed is 409 case-is-closed.',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  reopen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReopenCaseDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(new CaseLifecycleCommandMessage(id, { type: 'ReopenCase', ...body }, context)),
    );
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @AllowRoles(...LIFECYCLE_ROLES)
  @ApiOperation({
    summary: 'Transfer a case to another organisation',
    description:
      'The receiver owns the case from now on: its staff see it, the former owner no longer does (coordinators ' +
      'and the competent authority see every case). Transferring to the current owner is 422 ' +
      'transfer-to-another-organisation; a closed case is 409 case-not-closed.',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  transfer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TransferCaseDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(new CaseLifecycleCommandMessage(id, { type: 'TransferCase', ...body }, context)),
    );
  }

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @AllowRoles('coordinator')
  @ApiOperation({
    summary: "Erase the person's personal data by legal order (crypto-shredding)",
    description:
      "Coordinators only. Needs the prosecutor's or court's decision (legalBasis); without it 422 " +
      "erasure-needs-legal-basis. The person's key is destroyed: every personal field of every event " +
      'about them becomes unreadable, every read model shows the data as erased (person and narrative ' +
      'null, personalDataErased true), and a rebuild cannot bring it back. The case, its timeline and ' +
      'its countable facts (statistics) remain. Allowed on a closed case. A second erasure of the same ' +
      'person appends nothing and answers 200.',
  })
  @CommandEndpoint()
  @ApiOkResponse(commandResult)
  erasePersonalData(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ErasePersonalDataDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ErasePersonalDataCommand(id, body.legalBasis ? { legalBasis: { ...body.legalBasis } } : {}, context),
      ),
    );
  }
}
