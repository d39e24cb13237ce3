import { Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { type IntegrityReport } from '@nrm/platform';
import { ApiController, Endpoint } from '@nrm/platform/http';
import { CaseIntegrity } from './case-integrity';
import { CASE_INTEGRITY_OPENAPI, INTEGRITY_REPORT_SCHEMA } from './case-integrity.openapi';

@ApiController('cases', 'cases')
export class CaseIntegrityController {
  constructor(private readonly caseIntegrity: CaseIntegrity) {}

  @Get(':id/integrity')
  @Endpoint({
    roles: ['coordinator'],
    summary: 'Verify the tamper-evident history of a case and of its shelters',
    description: CASE_INTEGRITY_OPENAPI.integrity,
    ok: { description: 'The verdict (also when something is broken: `ok` is false)', schema: INTEGRITY_REPORT_SCHEMA },
    forbidden: 'The caller is not a coordinator',
    notFound: 'No such case',
  })
  async integrity(@Param('id', new ParseUUIDPipe()) id: string): Promise<IntegrityReport> {
    return this.caseIntegrity.check(id);
  }
}
