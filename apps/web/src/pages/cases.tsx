import { useTranslation } from 'react-i18next';
import { get, type Page } from '../api';
import type { SignedInUser } from '../session';
import { DateTime, FilterChoice, Loading, TableHead, TermOptions, useLoad, useTerm } from '../ui';
import { CASE_STAGES, CASE_STATUSES } from '@nrm/case/vocabulary';

export interface CaseListItem {
  id: string;
  caseNumber: string;
  stage: string;
  status: string;
  organisationId: string;
  isChild: boolean;
  displayName: string | null;
  openedAt: string;
  nextDeadline?: { kind: string; dueAt: string; overdue: boolean } | null;
  placement?: { state: string; shelterName: string } | null;
}

const FILTERS = ['stage', 'status', 'org', 'child', 'q', 'deadlineDueBefore'] as const;

/** Case lists with the API's filters (the caller's own organisation's cases for a first responder). */
export function CasesPage({ user, query }: { user: SignedInUser; query: URLSearchParams }) {
  const { t } = useTranslation();
  const term = useTerm();
  const page = Number(query.get('page') ?? '1');
  const params = new URLSearchParams();
  for (const name of FILTERS) if (query.get(name)) params.set(name, query.get(name)!);
  params.set('page', String(page));
  const list = useLoad(() => get<Page<CaseListItem>>(`/cases?${params}`), [params.toString()]);

  const go = (next: URLSearchParams) => (location.hash = `#/cases?${next}`);
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    go(next);
  };
  const awaiting = query.get('stage') === 'referral' && query.get('status') === 'presumed-victim';
  const title = awaiting
    ? t('cases.awaitingDecision')
    : user.roles.includes('first-responder')
      ? t('cases.mine', { organisation: user.organisationId })
      : t('cases.title');

  return (
    <section>
      <h1>{title}</h1>
      <form
        className="filters"
        key={query.toString()}
        onSubmit={(event) => {
          event.preventDefault();
          apply(event.currentTarget);
        }}
      >
        <label>
          {t('cases.number')} <input name="q" defaultValue={query.get('q') ?? ''} />
        </label>
        <FilterChoice label={t('cases.stage')} name="stage" defaultValue={query.get('stage') ?? ''}>
          <TermOptions group="stages" values={CASE_STAGES} />
        </FilterChoice>
        <FilterChoice label={t('cases.status')} name="status" defaultValue={query.get('status') ?? ''}>
          <TermOptions group="statuses" values={CASE_STATUSES} />
        </FilterChoice>
        <FilterChoice label={t('cases.child')} name="child" defaultValue={query.get('child') ?? ''}>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </FilterChoice>
        {!user.roles.includes('first-responder') && (
          <label>
            {t('cases.organisation')} <input name="org" defaultValue={query.get('org') ?? ''} />
          </label>
        )}
        <button type="submit">{t('apply')}</button>
      </form>
      {!list.data ? (
        <Loading problem={list.problem} onReload={list.reload} />
      ) : list.data.items.length === 0 ? (
        <p>{t('cases.empty')}</p>
      ) : (
        <>
          <table>
            <caption>{t('cases.caption', { count: list.data.total })}</caption>
            <TableHead
              columns={[
                t('cases.number'),
                t('cases.person'),
                t('cases.stage'),
                t('cases.status'),
                t('cases.organisation'),
                t('cases.next'),
              ]}
            />
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <a href={`#/cases/${item.id}`}>{item.caseNumber}</a>
                  </td>
                  <td>
                    {item.displayName ?? '—'}
                    {item.isChild && <span className="tag"> {t('cases.childTag')}</span>}
                  </td>
                  <td>{term('stages', item.stage)}</td>
                  <td>{term('statuses', item.status)}</td>
                  <td>{item.organisationId}</td>
                  <td>
                    {item.nextDeadline ? (
                      <>
                        {term('deadlineKinds', item.nextDeadline.kind)} <DateTime value={item.nextDeadline.dueAt} />
                      </>
                    ) : (
                      <DateTime value={null} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t('pages')} className="pager">
            {page > 1 && (
              <button
                type="button"
                onClick={() => go(new URLSearchParams({ ...Object.fromEntries(query), page: String(page - 1) }))}
              >
                {t('previous')}
              </button>
            )}
            {page * list.data.pageSize < list.data.total && (
              <button
                type="button"
                onClick={() => go(new URLSearchParams({ ...Object.fromEntries(query), page: String(page + 1) }))}
              >
                {t('next')}
              </button>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
