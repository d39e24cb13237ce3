import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageParam, PageSizeParam, ReadYourWritesDto, WrittenReason } from '@nrm/platform/http';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../application/approval-queries';

export class ListApprovalsDto extends ReadYourWritesDto {
  @ApiPropertyOptional({ enum: APPROVAL_STATUSES, example: 'pending' })
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  status?: ApprovalStatus;

  @ApiPropertyOptional({ description: "Only this case's approvals", format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @PageParam()
  page = 1;

  @PageSizeParam({ defaultSize: 20, max: 100 })
  pageSize = 20;
}

export class RejectApprovalDto {
  @ApiProperty({
    example: 'Try to reach her family through the consulate before closing.',
    description: 'Why the request is rejected; the requester reads it. Kept as personal data (an erasure removes it).',
  })
  @WrittenReason()
  reason!: string;
}
