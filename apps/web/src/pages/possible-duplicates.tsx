import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Page } from '../api';
import { useCommand } from '../command';
import { DateTime, Field, ListSection, ProblemMessage, useLoad, useTerm } from '../ui';

interface AlertedCase {
  caseId: string;
  caseNumber: string;
}

interface DuplicateAlert {
  alertId: string;
  status: 'open' | 'linked' | 'dismissed';
  detectedAt: string;
  case: AlertedCase;
  matchedCases: AlertedCase[];
  resolvedAt: string | null;
}

function CaseLinks({ cases }: { cases: AlertedCase[] }) {
  return (
    <>
      {cases.map((alerted, index) => (
        <span key={alerted.caseId}>
          {index > 0 && ', '}
          <a href={`#/cases/${alerted.caseId}`}>{alerted.caseNumber}</a>
        </span>
      ))}
    </>
  );
}

/**
 * Coordinators only (the API answers 403 to anyone else): the cases that may concern the same person,
 * each linked as one person or dismissed with a reason; then the alerts already decided.
 */
export function PossibleDuplicatesPage() {
  const { t } = useTranslation();
  const term = useTerm();
  const open = useLoad(() => get<Page<DuplicateAlert>>('/possible-duplicates?status=open&pageSize=100'), []);
  const all = useLoad(() => get<Page<DuplicateAlert>>('/possible-duplicates?pageSize=100'), []);
  const decided = () => {
    open.reload();
    all.reload();
  };

  return (
    <section>
      <h1>{t('duplicates.title')}</h1>
      <p>{t('duplicates.intro')}</p>
      <ListSection title={t('duplicates.open')} list={open} empty={t('duplicates.none')}>
        {(alert) => <OpenAlert key={alert.alertId} alert={alert} onDecided={decided} />}
      </ListSection>
      <ListSection
        title={t('duplicates.resolved')}
        list={all}
        only={(alert) => alert.status !== 'open'}
        empty={t('duplicates.noneResolved')}
      >
        {(alert) => (
          <li key={alert.alertId} data-testid="resolved-duplicate">
            <a href={`#/cases/${alert.case.caseId}`}>{alert.case.caseNumber}</a> ·{' '}
            <CaseLinks cases={alert.matchedCases} /> ·{' '}
            <strong data-testid="duplicate-status">{term('duplicateStatuses', alert.status)}</strong> ·{' '}
            <DateTime value={alert.resolvedAt} />
          </li>
        )}
      </ListSection>
    </section>
  );
}

function OpenAlert({ alert, onDecided }: { alert: DuplicateAlert; onDecided: () => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const link = useCommand();
  const dismiss = useCommand();
  const [reason, setReason] = useState('');
  const busy = link.pending || dismiss.pending;
  const numbers = [alert.case, ...alert.matchedCases].map((alerted) => alerted.caseNumber).join(', ');
  return (
    <li data-testid="possible-duplicate">
      <h3>
        <a href={`#/cases/${alert.case.caseId}`}>{alert.case.caseNumber}</a> {t('duplicates.mayBe')}{' '}
        <CaseLinks cases={alert.matchedCases} />
      </h3>
      <p>
        {t('duplicates.raised')} <DateTime value={alert.detectedAt} /> ·{' '}
        <span data-testid="duplicate-status">{term('duplicateStatuses', alert.status)}</span>
      </p>
      <ProblemMessage problem={link.problem ?? dismiss.problem} />
      <button
        type="button"
        className="primary"
        disabled={busy}
        aria-label={t('duplicates.linkLabel', { numbers })}
        onClick={async () => {
          if (await link.submit(`/possible-duplicates/${alert.alertId}/link`, {})) onDecided();
        }}
      >
        {t('duplicates.link')}
      </button>
      <form
        aria-label={t('duplicates.dismissForm', { numbers })}
        onSubmit={async (event) => {
          event.preventDefault();
          if (await dismiss.submit(`/possible-duplicates/${alert.alertId}/dismiss`, { reason: reason.trim() }))
            onDecided();
        }}
        noValidate
      >
        <Field label={t('duplicates.dismissReason')} name="reason" problem={dismiss.problem}>
          {(props) => (
            <textarea {...props} rows={2} required value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="danger" disabled={busy}>
          {t('duplicates.dismiss')}
        </button>
      </form>
    </li>
  );
}
