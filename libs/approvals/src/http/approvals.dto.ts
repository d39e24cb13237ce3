import { ApiPropertyOptional } from '@nestjs/swagger';
import { Field, ReadYourWritesDto } from '@nrm/platform/http';
import { IsOptional, IsUUID } from 'class-validator';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../application/approval-queries';

export class ListApprovalsDto extends ReadYourWritesDto {
  @Field.oneOf(APPROVAL_STATUSES, { optional: true, example: 'pending' })
  status?: ApprovalStatus;

  @ApiPropertyOptional({ description: "Only this case's approvals", format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @Field.page()
  page = 1;

  @Field.pageSize({ defaultSize: 20, max: 100 })
  pageSize = 20;
}

export class RejectApprovalDto {
  @Field.writtenReason({
    example: 'Try to reach her family through the consulate before closing.',
    description: 'Why the request is rejected; the requester reads it. Kept as personal data (an erasure removes it).',
  })
  reason!: string;
}
