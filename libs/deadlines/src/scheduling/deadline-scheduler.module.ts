import { Module } from '@nestjs/common';
import { CaseModule } from '@nrm/case';
import { DeadlineJobs } from './deadline-jobs';

/**
 * The worker side of deadlines: the BullMQ queue 'deadlines', its worker (reminders, escalations,
 * the reflection period's expiry) and the reconciler that re-creates jobs from the deadlines table.
 */
@Module({ imports: [CaseModule], providers: [DeadlineJobs], exports: [DeadlineJobs] })
export class DeadlineSchedulerModule {}
