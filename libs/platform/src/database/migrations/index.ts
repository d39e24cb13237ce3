import { EventStore1763740800000 } from './1763740800000-event-store';
import { Platform1763740900000 } from './1763740900000-platform';
import { CasesReadModel1763741000000 } from './1763741000000-cases-read-model';
import { CaseNumberBlocks1763741100000 } from './1763741100000-case-number-blocks';
import { CaseIndicatorScreening1763741200000 } from './1763741200000-case-indicator-screening';
import { CaseTimelineByPosition1763741300000 } from './1763741300000-case-timeline-by-position';
import { Shelters1763741400000 } from './1763741400000-shelters';
import { Deadlines1763741500000 } from './1763741500000-deadlines';
import { CaseAccessLog1763741600000 } from './1763741600000-case-access-log';
import { PersonalDataKeys1763741700000 } from './1763741700000-personal-data-keys';
import { CaseReferredToOrganisation1763741900000 } from './1763741900000-case-referred-to-organisation';
import { IdempotencyKeyLease1763742000000 } from './1763742000000-idempotency-key-lease';
import { ProjectionWakeAndStops1763742100000 } from './1763742100000-projection-wake-and-stops';
import { PlacementLocations1763742300000 } from './1763742300000-placement-locations';
import { CaseSummaryTracks1763742300100 } from './1763742300100-case-summary-tracks';
import { DeadlinesInbox1763742400000 } from './1763742400000-deadlines-inbox';
import { PersonMatching1763742560000 } from './1763742560000-person-matching';
import { CaseReadLogAsOf1763742570000 } from './1763742570000-case-read-log-as-of';
import { Approvals1763742580000 } from './1763742580000-approvals';
import { EventHashChain1763742550000 } from './1763742550000-event-hash-chain';
import { AppendsAnnouncedByWriter1763742540000 } from './1763742540000-appends-announced-by-writer';
import { DeadlineJobSteps1763742530000 } from './1763742530000-deadline-job-steps';
import { EventsReadBound1763742590000 } from './1763742590000-events-read-bound';

/** Every migration, in order. The only way the schema changes (never `synchronize`). */
export const migrations = [
  EventStore1763740800000,
  Platform1763740900000,
  CasesReadModel1763741000000,
  CaseNumberBlocks1763741100000,
  CaseIndicatorScreening1763741200000,
  CaseTimelineByPosition1763741300000,
  Shelters1763741400000,
  Deadlines1763741500000,
  CaseAccessLog1763741600000,
  PersonalDataKeys1763741700000,
  CaseReferredToOrganisation1763741900000,
  IdempotencyKeyLease1763742000000,
  ProjectionWakeAndStops1763742100000,
  PlacementLocations1763742300000,
  CaseSummaryTracks1763742300100,
  DeadlinesInbox1763742400000,
  PersonMatching1763742560000,
  CaseReadLogAsOf1763742570000,
  Approvals1763742580000,
  EventHashChain1763742550000,
  AppendsAnnouncedByWriter1763742540000,
  DeadlineJobSteps1763742530000,
  EventsReadBound1763742590000,
];
