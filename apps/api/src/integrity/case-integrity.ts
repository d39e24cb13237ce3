import { Injectable } from '@nestjs/common';
import { caseStreamName } from '@nrm/case/domain';
import { type IntegrityReport, StoreIntegrity } from '@nrm/platform';
import { PlacementLocator, shelterStreamName } from '@nrm/shelter';
import { NotFoundError } from '@nrm/shared-kernel';

/**
 * The hash chains behind one case: its own stream and the streams of the shelters its placements
 * were requested at (placement events live on shelter streams). It shows revisions and hashes,
 * never personal data, so it is not recorded in the case access log.
 */
@Injectable()
export class CaseIntegrity {
  constructor(
    private readonly integrity: StoreIntegrity,
    private readonly placements: PlacementLocator,
  ) {}

  async check(caseId: string): Promise<IntegrityReport> {
    const caseStream = caseStreamName(caseId);
    // Where its placements were requested: written before each request appends, never a read model.
    const shelterIds = (await this.placements.sheltersOfCase(caseId)).sort();
    const report = await this.integrity.verifyStreams([caseStream, ...shelterIds.map(shelterStreamName)]);
    // No events and no anchor that saw any: there is no such case (a case deleted whole is truncated).
    if (report.streams[0].revision === null && report.streams[0].ok)
      throw new NotFoundError(`Case ${caseId} not found`);
    return report;
  }
}
