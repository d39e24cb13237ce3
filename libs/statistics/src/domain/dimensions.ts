/**
 * What the statistics count and by what: one record per person, described by non-personal
 * attributes only (none of them is erased with the person's key, so an erasure leaves the counts).
 */

/**
 * Age brackets of the CTDC global dataset's `ageBroad` variable (Counter Trafficking Data
 * Collaborative global dataset, CSV header and values as published at
 * https://www.ctdatacollaborative.org/global-dataset; a copy of the 2020-04-14 file is
 * https://raw.githubusercontent.com/alnoel/CUNYSPS-Data607/main/globaldataset_20200414.csv).
 */
export const AGE_GROUPS = ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

const AGE_GROUP_LOWER_BOUNDS: ReadonlyArray<readonly [number, AgeGroup]> = [
  [48, '48+'],
  [39, '39--47'],
  [30, '30--38'],
  [27, '27--29'],
  [24, '24--26'],
  [21, '21--23'],
  [18, '18--20'],
  [9, '9--17'],
  [0, '0--8'],
];

export function ageGroupOf(age: number): AgeGroup {
  return AGE_GROUP_LOWER_BOUNDS.find(([lower]) => age >= lower)?.[1] ?? '0--8';
}

/** The victim-status decision as it stands. */
export const DECISIONS = ['granted', 'refused', 'pending'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Outcome: the victim-status decision and whether the case is closed, e.g. `granted-closed`. */
export const OUTCOMES = DECISIONS.flatMap((decision) => [`${decision}-open`, `${decision}-closed`] as const);

/** case_summaries.status → decision: `presumed-victim` (also while a refusal is under review) is pending. */
export function decisionOf(status: string): Decision {
  if (status === 'victim') return 'granted';
  if (status === 'not-a-victim') return 'refused';
  return 'pending';
}

export function outcomeOf(status: string, stage: string): string {
  return `${decisionOf(status)}-${stage === 'closed' ? 'closed' : 'open'}`;
}

export const DIMENSIONS = [
  'exploitationType',
  'sex',
  'ageGroup',
  'citizenship',
  'referringOrganisationType',
  'stage',
  'outcome',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A person may be exploited in several ways: they count once in each of their types. */
export const MULTI_VALUED: ReadonlySet<Dimension> = new Set<Dimension>(['exploitationType']);

/** One person as the statistics see them: never a name, an id or a date of birth. */
export interface PersonRecord {
  /** Year of identification, YYYY. */
  year: string;
  values: Record<Dimension, readonly string[]>;
}

/** The non-personal columns of a person's case, as read from the case summaries. */
export interface CaseFacts {
  /** YYYY of identification. */
  year: string;
  sex: string;
  ageAtIdentification: number;
  citizenship: string;
  exploitationTypes: readonly string[];
  /** Type of the organisation that identified the person and opened the case. */
  openingOrganisationType: string;
  stage: string;
  status: string;
}

export function personRecordOf(facts: CaseFacts): PersonRecord {
  return {
    year: facts.year,
    values: {
      // A case without a stated type still counts (under `not-stated`), so no person is lost.
      exploitationType: facts.exploitationTypes.length > 0 ? [...new Set(facts.exploitationTypes)] : ['not-stated'],
      sex: [facts.sex],
      ageGroup: [ageGroupOf(facts.ageAtIdentification)],
      citizenship: [facts.citizenship],
      referringOrganisationType: [facts.openingOrganisationType],
      stage: [facts.stage],
      outcome: [outcomeOf(facts.status, facts.stage)],
    },
  };
}
