import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles } from '@nrm/platform';
import { CommandEndpoint, CommandRequest, CommandResponder } from '@nrm/platform/http';
import { type DuplicateAlertPage, type DuplicateAlertResult, DuplicateAlerts } from '../application/duplicate-alerts';
import { DismissDuplicateAlertDto, ListDuplicateAlertsDto } from './duplicate-alerts.dto';

const RESULT_EXAMPLE = { alertId: '5b0e…', status: 'linked', revision: 0, position: '118' };

/** Possible duplicate persons, for coordinators only: nobody else learns that a match was found. */
@ApiTags('possible-duplicates')
@ApiBearerAuth()
@Controller('possible-duplicates')
@AllowRoles('coordinator')
export class DuplicateAlertsController {
  constructor(
    private readonly alerts: DuplicateAlerts,
    private readonly responder: CommandResponder,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Possible duplicate persons (coordinators)',
    description:
      'When a case is opened, its person is compared with the earlier cases through a blind index (keyed ' +
      'hashes of the normalised name with the date of birth, or with a birth year and the citizenship; ' +
      'Azerbaijani, Latin and Russian spellings and swapped given and family names compare equal). A match ' +
      'records one alert naming the new case and the earlier cases (ids and case numbers only, most recent ' +
      'first, at most 20) and notifies coordinators (notification kind `possible-duplicate`). The opening ' +
      'officer is told nothing: the case, its timeline and their inbox are the same as without a match. ' +
      'Newest first; `status` filters. Other roles: 403.',
  })
  @ApiOkResponse({
    description: '{ items, page, pageSize, total }',
    schema: {
      example: {
        items: [
          {
            alertId: '5b0e…',
            status: 'open',
            detectedAt: '2026-11-21T08:00:00.000Z',
            case: { caseId: '9d2f…', caseNumber: 'NRM-2026-000042' },
            matchedCases: [{ caseId: '7a1c…', caseNumber: 'NRM-2026-000017' }],
            resolvedAt: null,
            resolvedBy: null,
          },
        ],
        page: 1,
        pageSize: 20,
        total: 1,
      },
    },
  })
  @ApiForbiddenResponse({ description: 'Any role but coordinator' })
  list(@Query() query: ListDuplicateAlertsDto): Promise<DuplicateAlertPage> {
    return this.alerts.list({ status: query.status, page: query.page, pageSize: query.pageSize });
  }

  @Post(':id/link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link the cases of an alert as one person',
    description:
      "Records (DuplicatePersonLinked, on the alert's stream) that the alerted case and its matched cases are " +
      'the same person: statistics then count them once (pass `position` as minPosition to GET /statistics). ' +
      'The cases themselves are unchanged. An alert already linked or dismissed: 409.',
  })
  @CommandEndpoint({ ifMatch: false })
  @ApiOkResponse({ description: 'The alert, now linked', schema: { example: RESULT_EXAMPLE } })
  @ApiNotFoundResponse({ description: 'No such alert' })
  @ApiConflictResponse({ description: 'The alert was already linked or dismissed' })
  link(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CommandRequest({ ifMatch: false }) command: CommandRequest,
  ): Promise<DuplicateAlertResult> {
    return this.responder.respond<DuplicateAlertResult>(command, {}, (context) => this.alerts.link(id, context), {
      etag: false,
    });
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dismiss an alert: not the same person',
    description:
      'Records (DuplicateAlertDismissed) that the cases are different people, with the reason (personal data of ' +
      'the alerted case). Statistics keep counting them apart. An alert already linked or dismissed: 409.',
  })
  @CommandEndpoint({ ifMatch: false })
  @ApiOkResponse({
    description: 'The alert, now dismissed',
    schema: { example: { ...RESULT_EXAMPLE, status: 'dismissed' } },
  })
  @ApiNotFoundResponse({ description: 'No such alert' })
  @ApiConflictResponse({ description: 'The alert was already linked or dismissed' })
  dismiss(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DismissDuplicateAlertDto,
    @CommandRequest({ ifMatch: false }) command: CommandRequest,
  ): Promise<DuplicateAlertResult> {
    return this.responder.respond<DuplicateAlertResult>(
      command,
      body,
      (context) => this.alerts.dismiss(id, body.reason, context),
      { etag: false },
    );
  }
}
