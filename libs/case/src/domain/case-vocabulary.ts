/** Closed vocabularies of a case, shared by the domain, the DTOs and the read models. */

export const EXPLOITATION_TYPES = [
  'sexual',
  'labour',
  'domestic-servitude',
  'forced-begging',
  'forced-criminality',
  'organ-removal',
  'forced-marriage',
  'other',
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const URGENT_NEEDS = [
  'medical-care',
  'safe-accommodation',
  'food-and-clothing',
  'interpreter',
  'psychological-support',
  'legal-aid',
  'security',
  'contact-with-family',
  'consular-assistance',
] as const;
export type UrgentNeed = (typeof URGENT_NEEDS)[number];

/** Citizenship is an ISO 3166-1 alpha-2 code, or one of these. */
export const STATELESS = 'stateless';
export const CITIZENSHIP_UNKNOWN = 'unknown';

export const CASE_STAGES = [
  'identification',
  'referral',
  'reflection-period',
  'shelter',
  'repatriation',
  'reintegration',
  'closed',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_STATUSES = ['presumed-victim', 'victim', 'not-a-victim'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Age of majority for child-case rules (UN CRC, Azerbaijani law). */
export const ADULT_AGE = 18;
