import { has, type SignedInUser } from '../session';
import {
  REINTEGRATION_DOMAINS,
  REINTEGRATION_OUTCOMES,
  REINTEGRATION_PROGRESS,
  REPATRIATION_RISK_LEVELS,
  TRAVEL_DOCUMENT_TYPES,
} from '@nrm/case/vocabulary';
import type { Action } from './actions';

type T = (key: string, options?: Record<string, unknown>) => string;
type Options = (group: string, values: readonly string[]) => { value: string; label: string }[];

/** The parts of GET /cases/{id}'s tracks the actions below depend on (README "The case page"). */
export interface TrackState {
  consent?: { toReferral: boolean } | null;
  reflectionPeriod?: { state: string } | null;
  repatriation?: {
    state: string;
    risk: { level: string; mitigated: boolean } | null;
    documents: string[];
  } | null;
  reintegration?: { state: string; goals: { domain: string }[] } | null;
}

const OPEN_REPATRIATION = ['requested', 'risk-assessed', 'documented', 'scheduled'];
const goalField = (domain: string) => `goal-${domain}`;

/**
 * Consent, repatriation and reintegration: each form offered only where the API's rules would take
 * it (the repatriation and reintegration deciders in libs/case/src/tracks); the API still decides.
 */
export function trackActions(
  base: string,
  tracks: TrackState,
  user: SignedInUser,
  t: T,
  options: Options,
  today: string,
): Action[] {
  const actions: Action[] = [];
  if (tracks.consent && has(user, 'first-responder', 'case-worker', 'coordinator')) {
    const given = tracks.consent.toReferral;
    actions.push({
      id: 'consent',
      title: given ? t('actions.withdrawConsent') : t('actions.giveConsent'),
      path: `${base}/consent`,
      fields: [],
      body: () => ({ consentToReferral: !given }),
    });
  }
  if (!has(user, 'case-worker', 'coordinator', 'competent-authority-officer', 'first-responder')) return actions;

  const repatriation = tracks.repatriation ?? null;
  const repatriationOpen = repatriation !== null && OPEN_REPATRIATION.includes(repatriation.state);
  // The API also lets the person who asked to end the reflection period go; that wish is not on the page.
  if (!repatriationOpen && tracks.reflectionPeriod?.state !== 'active') {
    actions.push({
      id: 'repatriation',
      title: t('actions.requestRepatriation'),
      path: `${base}/repatriation`,
      fields: [
        {
          name: 'destinationCountry',
          label: t('actions.destinationCountry'),
          type: 'text',
          hint: t('actions.countryHint'),
        },
        { name: 'voluntaryConsent', label: t('actions.voluntaryConsent'), type: 'checkbox' },
        {
          name: 'consentRecordedAt',
          label: t('actions.consentRecordedAt'),
          type: 'datetime',
          optional: true,
          hint: t('actions.startedAtHint'),
        },
      ],
    });
  }
  if (repatriation && repatriationOpen) {
    actions.push({
      id: 'risk-assessment',
      title: t('actions.assessRisk'),
      path: `${base}/repatriation/risk-assessment`,
      fields: [
        {
          name: 'level',
          label: t('actions.riskLevel'),
          type: 'select',
          defaultValue: 'low',
          options: options('riskLevels', REPATRIATION_RISK_LEVELS),
        },
        { name: 'mitigated', label: t('actions.riskMitigated'), type: 'checkbox' },
        { name: 'notes', label: t('actions.notes'), type: 'textarea', optional: true },
      ],
    });
    if (repatriation.state !== 'scheduled')
      actions.push({
        id: 'travel-documents',
        title: t('actions.recordDocuments'),
        path: `${base}/repatriation/travel-documents`,
        fields: [
          {
            name: 'documents',
            label: t('actions.documents'),
            type: 'checks',
            options: options('documents', TRAVEL_DOCUMENT_TYPES),
          },
          { name: 'issuedBy', label: t('actions.issuedBy'), type: 'text' },
        ],
      });
    const riskAllowsTravel =
      repatriation.risk !== null && !(repatriation.risk.level === 'high' && !repatriation.risk.mitigated);
    if (repatriation.state !== 'scheduled' && riskAllowsTravel && repatriation.documents.length > 0)
      actions.push({
        id: 'schedule',
        title: t('actions.scheduleRepatriation'),
        path: `${base}/repatriation/schedule`,
        fields: [
          { name: 'travelDate', label: t('actions.travelDate'), type: 'date', defaultValue: today },
          { name: 'route', label: t('actions.route'), type: 'text', optional: true },
        ],
      });
    if (repatriation.state === 'scheduled' && riskAllowsTravel)
      actions.push({
        id: 'complete-repatriation',
        title: t('actions.completeRepatriation'),
        path: `${base}/repatriation/complete`,
        fields: [
          { name: 'arrivedOn', label: t('actions.arrivedOn'), type: 'date', defaultValue: today },
          { name: 'receivedBy', label: t('actions.receivedBy'), type: 'text', optional: true },
        ],
      });
    actions.push({
      id: 'cancel-repatriation',
      title: t('actions.cancelRepatriation'),
      path: `${base}/repatriation/cancel`,
      fields: [{ name: 'reason', label: t('actions.reason'), type: 'textarea' }],
    });
  }

  const plan = tracks.reintegration ?? null;
  if (!plan) {
    actions.push({
      id: 'reintegration-plan',
      title: t('actions.adoptPlan'),
      path: `${base}/reintegration-plan`,
      fields: [
        ...REINTEGRATION_DOMAINS.map((domain, index) => ({
          name: goalField(domain),
          ...(index === 0 ? { errorField: 'goals' } : {}),
          label: t('actions.goalIn', { domain: options('domains', [domain])[0].label }),
          type: 'text' as const,
          optional: true,
        })),
        {
          name: 'reviewEveryDays',
          label: t('actions.reviewEveryDays'),
          type: 'number',
          optional: true,
          hint: t('actions.reviewEveryDaysHint'),
        },
      ],
      body: (values) => ({
        goals: REINTEGRATION_DOMAINS.filter((domain) => values[goalField(domain)] !== undefined).map((domain) => ({
          domain,
          description: values[goalField(domain)],
        })),
        ...(values.reviewEveryDays === undefined ? {} : { reviewEveryDays: values.reviewEveryDays }),
      }),
    });
  } else if (plan.state === 'active') {
    const planDomains = [...new Set(plan.goals.map((goal) => goal.domain))];
    actions.push({
      id: 'reintegration-service',
      title: t('actions.recordService'),
      path: `${base}/reintegration/services`,
      fields: [
        {
          name: 'domain',
          label: t('actions.domain'),
          type: 'select',
          defaultValue: planDomains[0],
          options: options('domains', planDomains),
        },
        { name: 'providerOrgId', label: t('actions.provider'), type: 'text' },
        { name: 'description', label: t('actions.serviceDescription'), type: 'textarea' },
        { name: 'deliveredOn', label: t('actions.deliveredOn'), type: 'date', defaultValue: today },
      ],
    });
    actions.push({
      id: 'reintegration-review',
      title: t('actions.reviewPlan'),
      path: `${base}/reintegration/reviews`,
      fields: [
        { name: 'reviewedOn', label: t('actions.reviewedOn'), type: 'date', defaultValue: today },
        {
          name: 'progress',
          label: t('actions.progress'),
          type: 'select',
          defaultValue: 'on-track',
          options: options('progress', REINTEGRATION_PROGRESS),
        },
        { name: 'notes', label: t('actions.notes'), type: 'textarea', optional: true },
      ],
    });
    actions.push({
      id: 'complete-reintegration',
      title: t('actions.completePlan'),
      path: `${base}/reintegration/complete`,
      fields: [
        { name: 'completedOn', label: t('actions.completedOn'), type: 'date', defaultValue: today },
        {
          name: 'outcome',
          label: t('actions.outcome'),
          type: 'select',
          defaultValue: 'reintegrated',
          options: options('reintegrationOutcomes', REINTEGRATION_OUTCOMES),
        },
      ],
    });
  }
  return actions;
}
