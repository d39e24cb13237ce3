import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import { AllowRoles, type IntegrityReport } from '@nrm/platform';
import { CaseIntegrity } from './case-integrity';

const STREAM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['stream', 'revision', 'ok'],
  properties: {
    stream: { type: 'string', example: 'case-0b6f…' },
    revision: { type: 'integer', nullable: true, description: 'The stream’s last revision as stored now' },
    ok: { type: 'boolean' },
    firstBrokenRevision: { type: 'integer', description: 'The first revision that does not verify' },
    problem: {
      type: 'string',
      enum: ['edited', 'deleted', 'predecessor-mismatch', 'truncated', 'rewritten'],
      description:
        'edited: the event at that revision is no longer what was appended; deleted: that revision is ' +
        'missing between others; predecessor-mismatch: it records a predecessor hash its predecessor does ' +
        'not have; truncated: the stream ends before the revision the latest anchor saw; rewritten: the ' +
        'anchored revision has another hash now',
    },
    detail: { type: 'string' },
  },
};

const INTEGRITY_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['ok', 'streams', 'streamsChecked', 'anchor'],
  properties: {
    ok: { type: 'boolean', description: 'Every stream verifies and the latest anchor’s signature holds' },
    streams: { type: 'array', items: STREAM_SCHEMA },
    streamsChecked: { type: 'integer' },
    anchor: {
      type: 'object',
      nullable: true,
      description: 'The latest signed anchor of the stream heads; null when none was made yet',
      properties: {
        id: { type: 'integer' },
        anchoredAt: { type: 'string', format: 'date-time' },
        ok: { type: 'boolean', description: 'Its signature is INTEGRITY_ANCHOR_KEY’s over what it records' },
        streams: { type: 'integer', description: 'How many stream heads it records' },
        problem: { type: 'string' },
      },
    },
  },
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseIntegrityController {
  constructor(private readonly caseIntegrity: CaseIntegrity) {}

  @Get(':id/integrity')
  @AllowRoles('coordinator')
  @ApiOperation({
    summary: 'Verify the tamper-evident history of a case and of its shelters',
    description:
      'Recomputes the hash chain of the case’s event stream and of the streams of the shelters its ' +
      'placements were at, as stored now, and checks each against the latest signed anchor of the stream ' +
      'heads. Names, per stream, the first broken revision and why (edited, deleted, truncated…). This ' +
      'detects edits and deletions of stored events inside a stream, and the removal of a stream’s end ' +
      'up to the latest anchor; it does not prove that what was recorded is true (README: Tamper-evident ' +
      'history). Coordinators only (403 for every other role); no personal data is shown, so the read is ' +
      'not in the case access log.',
  })
  @ApiOkResponse({
    description: 'The verdict (also when something is broken: `ok` is false)',
    schema: INTEGRITY_REPORT_SCHEMA,
  })
  @ApiForbiddenResponse({ description: 'The caller is not a coordinator' })
  @ApiNotFoundResponse({ description: 'No such case' })
  async integrity(@Param('id', new ParseUUIDPipe()) id: string): Promise<IntegrityReport> {
    return this.caseIntegrity.check(id);
  }
}
