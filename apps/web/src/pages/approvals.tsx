import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Page } from '../api';
import { useCommand } from '../command';
import { has, type SignedInUser } from '../session';
import { DateTime, Detail, Field, ListSection, Loading, ProblemMessage, useLoad, useTerm } from '../ui';

export interface Approval {
  approvalId: string;
  caseId: string;
  caseNumber: string;
  commandType: string;
  status: 'pending' | 'granted' | 'rejected';
  command: Record<string, unknown> | null;
  requestedBy: { userId: string; name: string; organisationId: string };
  requestedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  rejectionReason: string | null;
}

/** Who decides approvals (the API checks the organisation too). */
export const decidesApprovals = (user: SignedInUser) => has(user, 'supervisor', 'coordinator');

/**
 * Supervisors and coordinators: the pending approvals, each approved or rejected with a reason.
 * Everyone: the approvals they asked for, with the outcome (and the reason of a rejection).
 */
export function ApprovalsPage({ user }: { user: SignedInUser }) {
  const { t } = useTranslation();
  const approver = decidesApprovals(user);
  const [minPosition, setMinPosition] = useState<string | null>(null);
  const after = minPosition ? `&minPosition=${minPosition}` : '';
  const pending = useLoad(
    () => (approver ? get<Page<Approval>>(`/approvals?status=pending&pageSize=100${after}`) : Promise.resolve(null)),
    [approver, after],
  );
  const mine = useLoad(() => get<Page<Approval>>(`/approvals?pageSize=100${after}`), [after]);

  return (
    <section>
      <h1>{t('approvals.title')}</h1>
      {approver && (
        <ListSection title={t('approvals.pending')} list={pending} empty={t('approvals.none')}>
          {(approval) => <PendingApproval key={approval.approvalId} approval={approval} onDecided={setMinPosition} />}
        </ListSection>
      )}
      <section aria-labelledby="approvals-mine">
        <h2 id="approvals-mine">{t('approvals.mine')}</h2>
        {!mine.data ? (
          <Loading problem={mine.problem} />
        ) : (
          <RequestedApprovals items={mine.data.items.filter((item) => item.requestedBy.userId === user.userId)} />
        )}
      </section>
    </section>
  );
}

function PendingApproval({ approval, onDecided }: { approval: Approval; onDecided: (position: string) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const approve = useCommand();
  const reject = useCommand();
  const [reason, setReason] = useState('');
  const what = term('approvalCommands', approval.commandType);
  const decided = (result: { position?: string } | null) => result?.position && onDecided(result.position);
  return (
    <li className={approval.overdue ? 'overdue' : undefined} data-testid="pending-approval">
      <h3>
        {what} · <a href={`#/cases/${approval.caseId}`}>{approval.caseNumber}</a>
      </h3>
      <p>
        {t('approvals.requestedBy', {
          name: approval.requestedBy.name,
          organisation: approval.requestedBy.organisationId,
        })}{' '}
        · <DateTime value={approval.requestedAt} /> · {t('approvals.due')} <DateTime value={approval.dueAt} />
        {approval.overdue && <strong className="tag overdue-tag"> {t('board.overdue')}</strong>}
      </p>
      {approval.command && <CommandSummary command={approval.command} />}
      <ProblemMessage problem={approve.problem ?? reject.problem} />
      <button
        type="button"
        className="primary"
        disabled={approve.pending || reject.pending}
        onClick={async () => decided(await approve.submit(`/approvals/${approval.approvalId}/approve`, {}))}
      >
        {t('approvals.approve', { what })}
      </button>
      <form
        aria-label={t('approvals.rejectForm', { what })}
        onSubmit={async (event) => {
          event.preventDefault();
          decided(await reject.submit(`/approvals/${approval.approvalId}/reject`, { reason: reason.trim() }));
        }}
        noValidate
      >
        <Field label={t('approvals.rejectReason')} name="reason" problem={reject.problem}>
          {(props) => (
            <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="danger" disabled={approve.pending || reject.pending}>
          {t('approvals.reject')}
        </button>
      </form>
    </li>
  );
}

/** The command as asked: its fields, named by the same lists the forms use where there is one. */
function CommandSummary({ command }: { command: Record<string, unknown> }) {
  const { t } = useTranslation();
  const term = useTerm();
  const fields = Object.entries(command).filter(([name]) => name !== 'type');
  return (
    <dl className="summary">
      {fields.map(([name, value]) => (
        <Detail key={name} label={t(`approvals.fields.${name}`, { defaultValue: name })}>
          {name === 'reason' && typeof value === 'string'
            ? term('closureReasons', value)
            : Array.isArray(value)
              ? value
                  .map((item) =>
                    typeof item === 'object' && item
                      ? `${term('domains', String((item as { domain?: string }).domain ?? ''))}: ${String((item as { description?: string }).description ?? '')}`
                      : String(item),
                  )
                  .join('; ')
              : String(value)}
        </Detail>
      ))}
    </dl>
  );
}

export function RequestedApprovals({ items }: { items: Approval[] }) {
  const { t } = useTranslation();
  const term = useTerm();
  if (items.length === 0) return <p>{t('approvals.noneAsked')}</p>;
  return (
    <ul className="cards">
      {items.map((approval) => (
        <li key={approval.approvalId} data-testid="requested-approval">
          <strong>{term('approvalCommands', approval.commandType)}</strong> ·{' '}
          <a href={`#/cases/${approval.caseId}`}>{approval.caseNumber}</a> · <DateTime value={approval.requestedAt} /> ·{' '}
          <span data-testid="approval-status">{term('approvalStatuses', approval.status)}</span>
          {approval.rejectionReason && (
            <p>
              {t('approvals.reason')}: {approval.rejectionReason}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
