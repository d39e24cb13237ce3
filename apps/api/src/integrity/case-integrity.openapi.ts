import type { SchemaObject } from '@nestjs/swagger';
import type { EndpointDescriptions } from '@nrm/platform/http';
import type { CaseIntegrityController } from './case-integrity.controller';

/** The long OpenAPI description of GET /cases/{id}/integrity (case-integrity.controller.ts). */
export const CASE_INTEGRITY_OPENAPI = {
  integrity:
    'Recomputes the hash chain of the case’s event stream and of the streams of the shelters its ' +
    'placements were at, as stored now, and checks each against the latest signed anchor of the stream ' +
    'heads. Names, per stream, the first broken revision and why (edited, deleted, truncated…). This ' +
    'detects edits and deletions of stored events inside a stream, and the removal of a stream’s end ' +
    'up to the latest anchor; it does not prove that what was recorded is true (README: Tamper-evident ' +
    'history). Coordinators only (403 for every other role); no personal data is shown, so the read is ' +
    'not in the case access log.',
} satisfies EndpointDescriptions<CaseIntegrityController>;

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

/** What the verification answers. */
export const INTEGRITY_REPORT_SCHEMA: SchemaObject = {
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
