import { applyDecorators, Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse } from '@nestjs/swagger';
import { AllowRoles } from '@nrm/platform';
import { ApiController, CommandEndpoint, CommandRequest, CommandResponder, Endpoint } from '@nrm/platform/http';
import { type DuplicateAlertPage, type DuplicateAlertResult, DuplicateAlerts } from '../application/duplicate-alerts';
import { DismissDuplicateAlertDto, ListDuplicateAlertsDto } from './duplicate-alerts.dto';
import {
  ALERT_DISMISSED,
  ALERT_LINKED,
  DUPLICATE_ALERT_PAGE,
  DUPLICATE_ALERTS_OPENAPI,
} from './duplicate-alerts.openapi';

/** Resolving an alert: a POST taking no If-Match, on an alert that is still open. */
const Resolution = () =>
  applyDecorators(
    HttpCode(200),
    CommandEndpoint({ ifMatch: false }),
    ApiConflictResponse({ description: 'The alert was already linked or dismissed' }),
  );

/** Possible duplicate persons, for coordinators only: nobody else learns that a match was found. */
@ApiController('possible-duplicates', 'possible-duplicates')
@AllowRoles('coordinator')
export class DuplicateAlertsController {
  constructor(
    private readonly alerts: DuplicateAlerts,
    private readonly responder: CommandResponder,
  ) {}

  @Get()
  @Endpoint({
    summary: 'Possible duplicate persons (coordinators)',
    description: DUPLICATE_ALERTS_OPENAPI.list,
    ok: DUPLICATE_ALERT_PAGE,
    forbidden: 'Any role but coordinator',
  })
  list(@Query() { status, page, pageSize }: ListDuplicateAlertsDto): Promise<DuplicateAlertPage> {
    return this.alerts.list({ status, page, pageSize });
  }

  @Post(':id/link')
  @Resolution()
  @Endpoint({
    summary: 'Link the cases of an alert as one person',
    description: DUPLICATE_ALERTS_OPENAPI.link,
    ok: ALERT_LINKED,
    notFound: 'No such alert',
  })
  link(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CommandRequest({ ifMatch: false }) command: CommandRequest,
  ): Promise<DuplicateAlertResult> {
    return this.responder.respond(command, {}, (context) => this.alerts.link(id, context), { etag: false });
  }

  @Post(':id/dismiss')
  @Resolution()
  @Endpoint({
    summary: 'Dismiss an alert: not the same person',
    description: DUPLICATE_ALERTS_OPENAPI.dismiss,
    ok: ALERT_DISMISSED,
    notFound: 'No such alert',
  })
  dismiss(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DismissDuplicateAlertDto,
    @CommandRequest({ ifMatch: false }) command: CommandRequest,
  ): Promise<DuplicateAlertResult> {
    return this.responder.respond(command, body, (context) => this.alerts.dismiss(id, body.reason, context), {
      etag: false,
    });
  }
}
