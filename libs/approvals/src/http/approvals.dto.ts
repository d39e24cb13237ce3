import { ApiPropertyOptional } from '@nestjs/swagger';
import { Field, Paged, ReadYourWritesDto } from '@nrm/platform/http';
import { IsOptional, IsUUID } from 'class-validator';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../application/approval-queries';

class ApprovalListFilters extends ReadYourWritesDto {
  @Field.oneOf(APPROVAL_STATUSES, { optional: true, example: 'pending' })
  status?: ApprovalStatus;

  @ApiPropertyOptional({ description: "Only this case's approvals", format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class ListApprovalsDto extends Paged(ApprovalListFilters) {}

export class RejectApprovalDto {
  @Field.writtenReason({
    example: 'Try to reach her family through the consulate before closing.',
    description: 'Why the request is rejected; the requester reads it. Kept as personal data (an erasure removes it).',
  })
  reason!: string;
}
