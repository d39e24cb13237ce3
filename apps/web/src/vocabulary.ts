/** The API's closed lists (libs/case/src/domain/case-vocabulary.ts and the events), as the console offers them. */
export const EXPLOITATION_TYPES = [
  'sexual',
  'labour',
  'domestic-servitude',
  'forced-begging',
  'forced-criminality',
  'organ-removal',
  'forced-marriage',
  'other',
];
export const SEXES = ['female', 'male', 'other', 'unknown'];
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
];
export const CASE_STAGES = ['identification', 'referral', 'reflection-period', 'shelter', 'repatriation', 'reintegration', 'closed'];
export const CASE_STATUSES = ['presumed-victim', 'victim', 'not-a-victim'];
export const CLOSURE_REASONS = ['reintegrated', 'repatriated', 'lost-contact', 'status-refused', 'transferred', 'deceased'];
export const REFLECTION_OUTCOMES = ['cooperating-with-investigation', 'chose-to-return', 'other'];
export const ERASURE_AUTHORITIES = ['prosecutor', 'court'];
export const ADULT_AGE = 18;
export const REPATRIATION_RISK_LEVELS = ['low', 'medium', 'high'];
export const TRAVEL_DOCUMENT_TYPES = ['passport', 'certificate-of-return', 'laissez-passer', 'visa'];
export const REINTEGRATION_DOMAINS = ['housing', 'employment', 'education', 'medical', 'psychological', 'legal-aid', 'financial', 'family'];
export const REINTEGRATION_PROGRESS = ['on-track', 'delayed', 'at-risk'];
export const REINTEGRATION_OUTCOMES = ['reintegrated', 'partially', 'discontinued'];
