import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseCommandResult } from '@nrm/case/application/case-commands';
import { AllowRoles } from '@nrm/platform/auth/auth';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http/command-request';
import { ReflectionPeriodCommandMessage } from '../application/reflection-period-commands';
import { StartReflectionPeriodCommand, type StartReflectionPeriodResult } from '../application/start-reflection-period';
import { EndReflectionPeriodDto, ExtendReflectionPeriodDto, StartReflectionPeriodDto } from './reflection-period.dto';

const ROLES = ['competent-authority-officer', 'case-worker', 'coordinator', 'first-responder'] as const;

@ApiTags('reflection period')
@ApiBearerAuth()
@CommandEndpoint()
@Controller('cases')
export class ReflectionPeriodController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  @Post(':id/reflection-period')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Start a reflection period',
    description:
      'Starts a period of recovery and reflection for the presumed victim (default length: the configured ' +
      'REFLECTION_PERIOD_DAYS, at least 30 days). The start may be recorded late with its real time; a period ' +
      'whose end is already past is simply due. One active period at a time: 409 one-active-reflection-period. ' +
      'Fewer than 30 days: 422 reflection-period-minimum. A start in the future: 422 ' +
      'reflection-period-start-not-in-future.',
  })
  @ApiOkResponse({
    description: 'Started: the new period, revision and position',
    schema: { example: { caseId: '7a1c…', periodId: '0b6f…', revision: 3, position: '57' } },
  })
  start(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StartReflectionPeriodDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<StartReflectionPeriodResult> {
    return this.responder.respond<StartReflectionPeriodResult>(command, body, (context) =>
      this.commands.execute(new StartReflectionPeriodCommand(id, body.startedAt, body.days, context)),
    );
  }

  @Post(':id/reflection-period/extension')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Extend the active reflection period',
    description:
      'Adds days (1 to 365) to the active period, with a reason. Without an active period: 409 ' +
      'no-active-reflection-period.',
  })
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 4, position: '58' } },
  })
  extend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ExtendReflectionPeriodDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReflectionPeriodCommandMessage(
          id,
          { type: 'ExtendReflectionPeriod', days: body.days, reason: body.reason },
          context,
        ),
      ),
    );
  }

  @Post(':id/reflection-period/end')
  @HttpCode(200)
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'End the active reflection period early',
    description:
      'Ends the active period with its outcome: cooperating with the investigation, chose to return (then ' +
      'repatriation may proceed: the person asked for it), or other. Without an active period: 409 ' +
      'no-active-reflection-period.',
  })
  @ApiOkResponse({
    description: 'New revision and position',
    schema: { example: { caseId: '7a1c…', revision: 5, position: '59' } },
  })
  end(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: EndReflectionPeriodDto,
    @CommandRequest() command: CommandRequest,
  ): Promise<CaseCommandResult> {
    return this.responder.respond<CaseCommandResult>(command, body, (context) =>
      this.commands.execute(
        new ReflectionPeriodCommandMessage(
          id,
          {
            type: 'EndReflectionPeriod',
            outcome: body.outcome,
            ...(body.note === undefined ? {} : { note: body.note }),
          },
          context,
        ),
      ),
    );
  }
}
