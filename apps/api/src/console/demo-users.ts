import type { OrganisationType, Role } from '@nrm/shared-kernel';

export interface DemoUser {
  sub: string;
  name: string;
  org: string;
  orgType: OrganisationType;
  roles: Role[];
}

/** The operator of the demo shelter that `npm run up` registers; its staff answer its requests. */
export const DEMO_SHELTER_OPERATOR = 'assistance-centre-baku';

/** The users of the local demo (scripts/demo.ts and the console's demo sign-in), one per role. */
export const DEMO_USERS = {
  firstResponder: {
    sub: 'demo-officer',
    name: 'Demo Officer (Baku police)',
    org: 'police-baku',
    orgType: 'police',
    roles: ['first-responder'],
  },
  competentAuthority: {
    sub: 'demo-competent-authority',
    name: 'Demo Competent Authority Officer',
    org: 'mia-anti-trafficking',
    orgType: 'competent-authority',
    roles: ['competent-authority-officer'],
  },
  coordinator: {
    sub: 'demo-coordinator',
    name: 'Demo National Coordinator',
    org: 'national-coordinator',
    orgType: 'coordinator',
    roles: ['coordinator'],
  },
  shelterStaff: {
    sub: 'demo-shelter-staff',
    name: 'Demo Shelter Worker',
    org: DEMO_SHELTER_OPERATOR,
    orgType: 'assistance-centre',
    roles: ['shelter-staff'],
  },
  caseWorker: {
    sub: 'demo-case-worker',
    name: 'Demo Case Worker (NGO)',
    org: 'ngo-clean-world',
    orgType: 'ngo',
    roles: ['case-worker'],
  },
  analyst: {
    sub: 'demo-analyst',
    name: 'Demo Analyst',
    org: 'state-statistics',
    orgType: 'statistics',
    roles: ['analyst'],
  },
  supervisor: {
    sub: 'demo-supervisor',
    name: 'Demo Supervisor (Baku police)',
    org: 'police-baku',
    orgType: 'police',
    roles: ['supervisor'],
  },
} as const satisfies Record<string, DemoUser>;

export type DemoUserKey = keyof typeof DEMO_USERS;
