import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, type Problem } from '../api';
import { timeZone, zonedInputToIso } from '../time';
import { DateTime, Field, ProblemMessage } from '../ui';

/**
 * "View as of…": a wall-clock time in the console's zone, sent as an ISO instant with the zone's
 * offset (`asOf`). While a moment is chosen, a banner says so and offers the way back to now.
 */
export function AsOfControl({ asOf, onChange }: { asOf: string | null; onChange: (asOf: string | null) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  return (
    <section aria-labelledby="as-of" className="as-of">
      <h2 id="as-of">{t('history.title')}</h2>
      {asOf && (
        <div role="status" className="notice" data-testid="historical-banner">
          <p>
            <strong>
              {t('history.banner')} <DateTime value={asOf} seconds />
            </strong>
            . {t('history.noActions')}
          </p>
          <button type="button" onClick={() => onChange(null)}>
            {t('history.backToNow')}
          </button>
        </div>
      )}
      <form
        aria-label={t('history.viewForm')}
        onSubmit={(event) => {
          event.preventDefault();
          if (value) onChange(zonedInputToIso(value));
        }}
      >
        <Field
          label={t('history.moment', { zone: timeZone() })}
          name="asOf"
          problem={null}
          hint={t('history.lateEntries')}
        >
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              step={1}
              required
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t('history.viewAsOf')}</button>
      </form>
    </section>
  );
}

interface StreamIntegrity {
  stream: string;
  revision: number | null;
  ok: boolean;
  firstBrokenRevision?: number;
  problem?: string;
}

interface IntegrityReport {
  ok: boolean;
  streams: StreamIntegrity[];
  anchor: { anchoredAt: string; ok: boolean; streams: number; problem?: string } | null;
}

/** Coordinators: "Verify history" recomputes the case's hash chains (GET /cases/{id}/integrity) and says it plainly. */
export function IntegrityCheck({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const verify = async () => {
    setPending(true);
    setProblem(null);
    try {
      setReport(await get<IntegrityReport>(`/cases/${caseId}/integrity`));
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0 });
    } finally {
      setPending(false);
    }
  };
  const streamName = (stream: string) =>
    stream.startsWith('case-') ? t('integrity.caseStream') : t('integrity.shelterStream', { id: stream.slice(8) });
  return (
    <section aria-labelledby="integrity">
      <h2 id="integrity">{t('integrity.title')}</h2>
      <p>{t('integrity.intro')}</p>
      <button type="button" onClick={verify} disabled={pending}>
        {t('integrity.verify')}
      </button>
      <ProblemMessage problem={problem} />
      {report && (
        <div aria-live="polite" data-testid="integrity-report">
          <p className={report.ok ? 'success' : 'problem'}>
            <strong>{report.ok ? t('integrity.allIntact') : t('integrity.broken')}</strong>
          </p>
          <ul>
            {report.streams.map((stream) => (
              <li key={stream.stream} data-testid="integrity-stream">
                {streamName(stream.stream)}:{' '}
                {stream.ok
                  ? t('integrity.streamOk', { count: (stream.revision ?? -1) + 1 })
                  : t('integrity.streamBroken', {
                      revision: stream.firstBrokenRevision,
                      problem: t(`integrity.problems.${stream.problem}`, { defaultValue: stream.problem ?? '' }),
                    })}
              </li>
            ))}
          </ul>
          <p data-testid="integrity-anchor">
            {!report.anchor ? (
              t('integrity.noAnchor')
            ) : (
              <>
                {report.anchor.ok ? t('integrity.anchorOk') : t('integrity.anchorBad')}{' '}
                <DateTime value={report.anchor.anchoredAt} />
              </>
            )}
          </p>
        </div>
      )}
    </section>
  );
}
