import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Page, request } from '../api';
import { has, type SignedInUser } from '../session';
import { zonedToday } from '../time';
import { DateTime, Detail, Loading, ProblemMessage, TableHead, useLoad, useTerm } from '../ui';
import { CHOOSABLE_CLOSURE_REASONS, ERASURE_AUTHORITIES, REFLECTION_PERIOD_OUTCOMES } from '@nrm/case/vocabulary';
import { type Action, ActionForm } from './actions';
import { AsOfControl, IntegrityCheck } from './case-history';
import { trackActions, type TrackState } from './track-actions';

interface CaseView {
  id: string;
  view: 'full' | 'care';
  caseNumber: string;
  revision: number;
  stage: string;
  status: string;
  organisationId: string;
  isChild: boolean;
  displayName: string | null;
  personalDataErased: boolean;
  openedAt: string;
  nextDeadlineAt: string | null;
  ageAtIdentification?: number | null;
  sex?: string;
  citizenship?: string;
  person?: Record<string, unknown> | null;
  identification?: Record<string, unknown> | null;
  exploitationTypes?: string[];
  urgentNeeds?: string[];
  consentToReferral?: boolean;
  narrative?: string | null;
  holder?: { organisationId: string; referredToOrganisationId: string | null };
  activeTracks?: string[];
  openDeadlines?: { id: string; kind: string; dueAt: string; overdue: boolean; responsibleOrganisationId: string }[];
  tracks?: Record<string, unknown> & { approvals?: CaseApproval[] };
}

/** An approval as the case page's approvals track holds it. */
interface CaseApproval {
  approvalId: string;
  commandType: string;
  state: 'pending' | 'granted' | 'rejected';
  requestedBy: { name: string };
}

interface Timeline {
  entries: {
    revision: number;
    event: string;
    summary: string;
    at: string;
    by: { name: string; organisationId: string };
  }[];
}

interface AccessLog {
  items: {
    type: string;
    at: string;
    by: { name: string; organisationId: string };
    endpoint?: string;
    recipientOrganisationId?: string;
    categories?: string[];
  }[];
}

interface Shelter {
  id: string;
  name: string;
  region: string;
  beds: number;
  freeBeds: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** Where a track's value is named: its states first, then the closed lists the forms use. */
const TRACK_VALUE_GROUPS = ['values', 'riskLevels', 'progress', 'reintegrationOutcomes', 'domains', 'documents'];

/** Any track the API sends, field by field: new fields show without a console change. */
function Value({ value }: { value: unknown }): ReactNode {
  const term = useTerm();
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return term('boolean', String(value));
  if (typeof value === 'string')
    return ISO_INSTANT.test(value) ? <DateTime value={value} /> : term(TRACK_VALUE_GROUPS, value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? (
      '—'
    ) : (
      <ul>
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ul>
    );
  return <Fields record={value as Record<string, unknown>} />;
}

function Fields({ record }: { record: Record<string, unknown> }) {
  const term = useTerm();
  return (
    <dl>
      {Object.entries(record).map(([key, value]) => (
        <Detail key={key} label={term('fields', key)}>
          <Value value={value} />
        </Detail>
      ))}
    </dl>
  );
}

/** The case page: summary, every track the API sends, the actions of its stage, the timeline and access log. */
export function CasePage({ user, caseId }: { user: SignedInUser; caseId: string }) {
  const { t } = useTranslation();
  const term = useTerm();
  const termList = (group: string, values: string[]) => values.map((value) => term(group, value)).join(', ');
  const [minPosition, setMinPosition] = useState<string | null>(null);
  // A moment of the past (ISO instant): the case and timeline as recorded then; null is now.
  const [asOf, setAsOf] = useState<string | null>(null);
  const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : minPosition ? `?minPosition=${minPosition}` : '';
  const caseRead = useLoad(
    () => request<CaseView>(`/cases/${caseId}${query}`).then((answer) => ({ ...answer, asOf })),
    [caseId, query],
  );
  const showsHistory = !has(user, 'shelter-staff') || user.roles.length > 1;
  const timeline = useLoad(
    () => (showsHistory ? get<Timeline>(`/cases/${caseId}/timeline${query}`) : Promise.resolve(null)),
    [caseId, query],
  );
  const accessLog = useLoad(
    () => (has(user, 'coordinator') ? get<AccessLog>(`/cases/${caseId}/access-log`) : Promise.resolve(null)),
    [caseId, minPosition],
  );
  const mayRequestPlacement = has(user, 'case-worker', 'coordinator', 'first-responder', 'competent-authority-officer');
  const shelters = useLoad(
    () =>
      mayRequestPlacement
        ? get<Page<Shelter>>('/shelters?pageSize=100').then((page) => page.items)
        : Promise.resolve([]),
    [mayRequestPlacement],
  );
  const [message, setMessage] = useState<string | null>(null);
  // After a command, the actions wait for the case read after it: a form sent on the older read would only meet a 412.
  const [readBeforeCommand, setReadBeforeCommand] = useState<typeof caseRead.data>(null);

  const asOfControl = <AsOfControl asOf={asOf} onChange={setAsOf} />;
  if (!caseRead.data || caseRead.data.asOf !== asOf) {
    // A moment before the case was recorded is a 404 of that moment, not of the case.
    const notYet = asOf !== null && caseRead.problem?.status === 404;
    return (
      <article className="case">
        {caseRead.data && <h1>{t('case.title', { number: caseRead.data.data.caseNumber })}</h1>}
        {asOf !== null && asOfControl}
        {notYet ? (
          <p role="alert" className="problem">
            {t('history.notYetRecorded')}
          </p>
        ) : (
          <Loading problem={caseRead.problem} onReload={caseRead.reload} />
        )}
      </article>
    );
  }
  const { data: view, etag } = caseRead.data;
  const done = (title: string) => (result: { position?: string; approvalId?: string }) => {
    // 202: recorded for a supervisor's approval, not done yet.
    setMessage(result.approvalId ? t('case.sentForApproval', { action: title }) : t('case.saved', { action: title }));
    setReadBeforeCommand(caseRead.data);
    if (result.position) setMinPosition(result.position);
    else caseRead.reload();
  };
  const reload = () => {
    setMessage(null);
    caseRead.reload();
    timeline.reload();
  };
  const awaitingRead = caseRead.data === readBeforeCommand && !caseRead.problem;
  const pendingApprovals = (view.tracks?.approvals ?? []).filter((approval) => approval.state === 'pending');
  // You cannot act on the past: a historical view offers no action.
  const actions = awaitingRead || asOf ? [] : caseActions(view, user, t, term, shelters.data ?? []);

  return (
    <article className="case">
      <h1>
        {t('case.title', { number: view.caseNumber })}
        {view.isChild && <span className="tag"> {t('cases.childTag')}</span>}
      </h1>
      {asOfControl}
      {message && !asOf && (
        <p role="status" className="success">
          {message}
        </p>
      )}
      {pendingApprovals.length > 0 && (
        <p className="notice" data-testid="pending-approvals">
          {pendingApprovals
            .map((approval) =>
              t('case.awaitingApproval', {
                what: term('approvalCommands', approval.commandType),
                name: approval.requestedBy.name,
              }),
            )
            .join(' ')}{' '}
          <a href="#/approvals">{t('nav.approvals')}</a>
        </p>
      )}
      <section aria-labelledby="summary">
        <h2 id="summary">{t('case.summary')}</h2>
        <dl className="summary">
          <Detail label={t('cases.stage')} testId="stage">
            {term('stages', view.stage)}
          </Detail>
          <Detail label={t('cases.status')} testId="status">
            {term('statuses', view.status)}
          </Detail>
          <Detail label={t('cases.organisation')}>{view.organisationId}</Detail>
          {view.holder?.referredToOrganisationId && (
            <Detail label={t('case.referredTo')}>{view.holder.referredToOrganisationId}</Detail>
          )}
          <Detail label={t('cases.person')}>
            {view.personalDataErased ? t('case.erased') : (view.displayName ?? '—')}
          </Detail>
          {view.ageAtIdentification != null && <Detail label={t('case.age')}>{view.ageAtIdentification}</Detail>}
          {view.sex && <Detail label={t('referral.sex')}>{term('sexes', view.sex)}</Detail>}
          {view.citizenship && <Detail label={t('referral.citizenship')}>{view.citizenship}</Detail>}
          <Detail label={t('case.openedAt')}>
            <DateTime value={view.openedAt} />
          </Detail>
          {view.identification && (
            <Detail label={t('referral.identifiedAt', { zone: '' }).replace(/\s*\(\)/, '')}>
              <DateTime value={String(view.identification.identifiedAt)} /> · {String(view.identification.place ?? '')}
            </Detail>
          )}
          {view.exploitationTypes && (
            <Detail label={t('referral.exploitation')}>{termList('exploitation', view.exploitationTypes)}</Detail>
          )}
          {view.urgentNeeds && (
            <Detail label={t('referral.urgentNeeds')}>{termList('needs', view.urgentNeeds) || '—'}</Detail>
          )}
          {view.activeTracks && <Detail label={t('case.activeTracks')}>{termList('stages', view.activeTracks)}</Detail>}
          {view.nextDeadlineAt && (
            <Detail label={t('case.nextDeadline')}>
              <DateTime value={view.nextDeadlineAt} />
            </Detail>
          )}
        </dl>
        {view.narrative && <p className="narrative">{view.narrative}</p>}
      </section>

      {view.openDeadlines && view.openDeadlines.length > 0 && (
        <section aria-labelledby="deadlines">
          <h2 id="deadlines">{t('case.openDeadlines')}</h2>
          <ul>
            {view.openDeadlines.map((deadline) => (
              <li key={deadline.id} className={deadline.overdue ? 'overdue' : undefined}>
                {deadline.overdue && <strong className="tag overdue-tag">{t('board.overdue')}</strong>}{' '}
                {term('deadlineKinds', deadline.kind)} · <DateTime value={deadline.dueAt} /> ·{' '}
                {deadline.responsibleOrganisationId}
              </li>
            ))}
          </ul>
        </section>
      )}

      {view.tracks &&
        Object.entries(view.tracks)
          .filter(([, track]) => track !== null && !(Array.isArray(track) && track.length === 0))
          .map(([name, track]) => (
            <section key={name} aria-labelledby={`track-${name}`} className="track">
              <h2 id={`track-${name}`}>{term('tracks', name)}</h2>
              <Value value={track} />
            </section>
          ))}

      {actions.length > 0 && (
        <section aria-labelledby="actions">
          <h2 id="actions">{t('case.actions')}</h2>
          <div className="actions">
            {actions.map((action) => (
              <ActionForm
                key={`${action.id}-${view.revision}`}
                action={action}
                ifMatch={etag}
                onDone={done(action.title)}
                onReload={reload}
              />
            ))}
          </div>
        </section>
      )}

      {showsHistory && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t('case.timeline')}</h2>
          {!timeline.data ? (
            <Loading problem={timeline.problem} />
          ) : (
            <ol className="timeline">
              {timeline.data.entries.map((entry) => (
                <li key={`${entry.revision}-${entry.event}-${entry.at}`}>
                  <DateTime value={entry.at} /> · <strong>{term('events', entry.event)}</strong> · {entry.by.name} (
                  {entry.by.organisationId})<p>{entry.summary}</p>
                  <button
                    type="button"
                    className="link"
                    aria-label={t('history.asRecordedAfter', { event: term('events', entry.event) })}
                    onClick={() => setAsOf(entry.at)}
                  >
                    {t('history.asRecordedThen')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {has(user, 'coordinator') && <IntegrityCheck caseId={caseId} />}

      {accessLog.data && (
        <section aria-labelledby="access-log">
          <h2 id="access-log">{t('case.accessLog')}</h2>
          <table>
            <TableHead columns={[t('case.when'), t('case.who'), t('case.what')]} />
            <tbody>
              {accessLog.data.items.map((item, index) => (
                <tr key={index}>
                  <td>
                    <DateTime value={item.at} />
                  </td>
                  <td>{item.by ? `${item.by.name} (${item.by.organisationId})` : '—'}</td>
                  <td>
                    {term('accessTypes', item.type)} {item.endpoint ?? ''}
                    {item.recipientOrganisationId ? ` → ${item.recipientOrganisationId}` : ''}
                    {item.categories ? ` (${item.categories.join(', ')})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ProblemMessage problem={accessLog.problem} />
    </article>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** The actions the caller may take at this point of the case (the API decides; this only offers them). */
function caseActions(
  view: CaseView,
  user: SignedInUser,
  t: T,
  term: ReturnType<typeof useTerm>,
  shelters: Shelter[],
): Action[] {
  const base = `/cases/${view.id}`;
  const today = zonedToday(Date.now());
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: term(group, value) }));
  const actions: Action[] = [];
  const closed = view.stage === 'closed';
  const tracks = (view.tracks ?? {}) as Record<string, { state?: string } | null | undefined>;
  const handlers = has(user, 'first-responder', 'case-worker', 'coordinator');
  if (view.view === 'care' || closed) {
    if (closed && has(user, 'coordinator', 'case-worker', 'competent-authority-officer', 'first-responder'))
      actions.push({
        id: 'reopen',
        title: t('actions.reopen'),
        path: `${base}/reopen`,
        fields: [{ name: 'reason', label: t('actions.reason'), type: 'textarea' }],
      });
    return actions;
  }
  if (handlers && view.stage === 'identification' && !tracks.referral) {
    actions.push({
      id: 'refer',
      title: t('actions.refer'),
      path: `${base}/referral`,
      fields: [
        {
          name: 'competentAuthorityOrgId',
          label: t('actions.competentAuthority'),
          type: 'text',
          defaultValue: 'mia-anti-trafficking',
        },
        { name: 'note', label: t('actions.note'), type: 'textarea', optional: true },
      ],
    });
  }
  const decisionPending = tracks.statusDecision
    ? tracks.statusDecision.state === 'pending'
    : view.stage === 'referral' && view.status === 'presumed-victim';
  if (has(user, 'competent-authority-officer') && decisionPending) {
    actions.push({
      id: 'decide',
      title: t('actions.decide'),
      path: `${base}/status-decision`,
      fields: [
        {
          name: 'decision',
          label: t('actions.decision'),
          type: 'select',
          defaultValue: 'granted',
          options: options('decisions', ['granted', 'refused']),
        },
        {
          name: 'decisionNumber',
          label: t('actions.decisionNumber'),
          type: 'text',
          showIf: (values) => values.decision === 'granted',
        },
        { name: 'decidedOn', label: t('actions.decidedOn'), type: 'date', defaultValue: today },
        {
          name: 'reasons',
          label: t('actions.reasons'),
          hint: t('actions.onePerLine'),
          type: 'lines',
          showIf: (values) => values.decision === 'refused',
        },
      ],
    });
  }
  if (
    view.status === 'not-a-victim' &&
    has(user, 'case-worker', 'coordinator', 'first-responder', 'competent-authority-officer')
  ) {
    actions.push({
      id: 'review',
      title: t('actions.review'),
      path: `${base}/status-decision/review`,
      fields: [{ name: 'reason', label: t('actions.reason'), type: 'textarea' }],
    });
  }
  const reflectionActive = tracks.reflectionPeriod
    ? tracks.reflectionPeriod.state === 'active'
    : view.stage === 'reflection-period' && view.nextDeadlineAt !== null;
  const mayReflect = has(user, 'competent-authority-officer', 'case-worker', 'coordinator', 'first-responder');
  if (mayReflect && !reflectionActive && view.stage !== 'identification') {
    actions.push({
      id: 'reflection',
      title: t('actions.startReflection'),
      path: `${base}/reflection-period`,
      fields: [
        {
          name: 'startedAt',
          label: t('actions.startedAt'),
          type: 'datetime',
          optional: true,
          hint: t('actions.startedAtHint'),
        },
        { name: 'days', label: t('actions.days'), type: 'number', optional: true },
      ],
    });
  }
  if (mayReflect && reflectionActive) {
    actions.push({
      id: 'extend',
      title: t('actions.extendReflection'),
      path: `${base}/reflection-period/extension`,
      fields: [
        { name: 'days', label: t('actions.days'), type: 'number' },
        { name: 'reason', label: t('actions.reason'), type: 'textarea' },
      ],
    });
    actions.push({
      id: 'end-reflection',
      title: t('actions.endReflection'),
      path: `${base}/reflection-period/end`,
      fields: [
        {
          name: 'outcome',
          label: t('actions.outcome'),
          type: 'select',
          defaultValue: REFLECTION_PERIOD_OUTCOMES[0],
          options: options('outcomes', REFLECTION_PERIOD_OUTCOMES),
        },
        { name: 'note', label: t('actions.note'), type: 'textarea', optional: true },
      ],
    });
  }
  if (view.isChild && has(user, 'first-responder', 'case-worker', 'coordinator', 'competent-authority-officer')) {
    actions.push({
      id: 'child-notice',
      title: t('actions.notifyChildProtection'),
      path: `${base}/child-protection-notification`,
      fields: [
        {
          name: 'childProtectionOrgId',
          label: t('actions.childProtectionOrg'),
          type: 'text',
          defaultValue: 'child-protection-baku',
        },
        { name: 'notifiedAt', label: t('actions.notifiedAt'), type: 'datetime' },
      ],
    });
    actions.push({
      id: 'guardian',
      title: t('actions.appointGuardian'),
      path: `${base}/guardian`,
      fields: [
        { name: 'guardianName', label: t('actions.guardianName'), type: 'text' },
        { name: 'appointedBy', label: t('actions.appointedBy'), type: 'text', defaultValue: 'guardianship-baku' },
        { name: 'appointedOn', label: t('actions.appointedOn'), type: 'date', defaultValue: today },
      ],
    });
  }
  if (shelters.length > 0 && view.stage !== 'identification') {
    actions.push({
      id: 'placement',
      title: t('actions.requestPlacement'),
      path: `/cases/${view.id}/placements`,
      fields: [
        {
          name: 'shelterId',
          label: t('actions.shelter'),
          type: 'select',
          defaultValue: shelters[0].id,
          options: shelters.map((shelter) => ({
            value: shelter.id,
            label: `${shelter.name} (${shelter.region}) · ${t('shelters.bedsFree', { free: shelter.freeBeds, beds: shelter.beds })}`,
          })),
        },
        { name: 'needs', label: t('actions.needs'), type: 'lines', hint: t('actions.onePerLine') },
      ],
    });
  }
  actions.push(...trackActions(base, tracks as TrackState, user, t, options, today));
  if (has(user, 'coordinator', 'case-worker', 'competent-authority-officer', 'first-responder', 'supervisor')) {
    actions.push({
      id: 'transfer',
      title: t('actions.transfer'),
      path: `${base}/transfer`,
      fields: [
        { name: 'toOrganisationId', label: t('actions.toOrganisation'), type: 'text' },
        {
          name: 'toOrganisationType',
          label: t('actions.toOrganisationType'),
          type: 'select',
          defaultValue: 'ngo',
          options: options('orgTypes', [
            'police',
            'migration',
            'border',
            'labour-inspectorate',
            'ngo',
            'assistance-centre',
            'child-protection',
          ]),
        },
        { name: 'reason', label: t('actions.reason'), type: 'textarea' },
      ],
    });
    actions.push({
      id: 'close',
      title: t('actions.close'),
      path: `${base}/close`,
      fields: [
        {
          name: 'reason',
          label: t('actions.closureReason'),
          type: 'select',
          defaultValue: CHOOSABLE_CLOSURE_REASONS[0],
          options: options('closureReasons', CHOOSABLE_CLOSURE_REASONS),
        },
        { name: 'note', label: t('actions.note'), type: 'textarea', optional: true },
      ],
    });
  }
  if (has(user, 'coordinator') && !view.personalDataErased) {
    actions.push({
      id: 'erase',
      title: t('actions.erase'),
      path: `${base}/erase-personal-data`,
      danger: true,
      confirm: t('actions.eraseConfirm', { number: view.caseNumber }),
      fields: [
        {
          name: 'authority',
          label: t('actions.legalAuthority'),
          type: 'select',
          defaultValue: 'prosecutor',
          options: options('authorities', ERASURE_AUTHORITIES),
        },
        { name: 'decisionNumber', label: t('actions.legalDecisionNumber'), type: 'text' },
        { name: 'decidedOn', label: t('actions.legalDecidedOn'), type: 'date', defaultValue: today },
      ],
      body: (values) => ({ legalBasis: values }),
    });
  }
  return actions;
}
