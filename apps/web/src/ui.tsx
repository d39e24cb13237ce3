import { type ReactNode, type SelectHTMLAttributes, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Page, type Problem } from './api';
import { fieldMessages } from './command';
import { formatDate, formatDateTime } from './time';

/** The sentence for a problem answer: conflict, not found, a rule in the chosen language, or the server's text. */
export function ProblemMessage({ problem, onReload }: { problem: Problem | null; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!problem) return null;
  let text: string;
  if (problem.status === 412) text = t('problem.conflict');
  else if (problem.status === 404) text = t('problem.notFound');
  else if (problem.status === 403) text = t('problem.forbidden');
  else if (problem.status === 0) text = t('problem.network');
  else if (problem.status === 429) text = t('problem.tooMany');
  else if (problem.rule) text = t(`rules.${problem.rule}`, { defaultValue: problem.detail ?? problem.rule });
  else if (problem.status === 400 && problem.errors?.length) text = t('problem.invalid');
  else text = problem.detail ?? problem.title ?? t('problem.unknown', { status: problem.status });
  return (
    <div role="alert" className="problem">
      <p>{text}</p>
      {problem.status === 412 && onReload && (
        <button type="button" onClick={onReload}>
          {t('problem.reload')}
        </button>
      )}
    </div>
  );
}

/** Loads once per key; `reload` asks again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setProblem(null);
    load().then(
      (value) => current && setData(value),
      (error: unknown) =>
        current && setProblem(error instanceof ApiError ? error.problem : { status: 0, detail: String(error) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, problem, reload };
}

interface FieldProps {
  label: string;
  name: string;
  problem: Problem | null;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; name: string }) => ReactNode;
}

/** A labelled control with its hint and, beside it, the server's messages for this field. */
export function Field({ label, name, problem, hint, children }: FieldProps) {
  const id = useId();
  const messages = fieldMessages(problem, name);
  const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': messages.length ? true : undefined,
      })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {messages.length > 0 && (
        <small id={`${id}-error`} className="field-error">
          {messages.join(' ')}
        </small>
      )}
    </div>
  );
}

export function DateTime({ value, seconds = false }: { value: string | null | undefined; seconds?: boolean }) {
  const { i18n } = useTranslation();
  return value ? <time dateTime={value}>{formatDateTime(value, i18n.language, seconds)}</time> : <>—</>;
}

export function Day({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  return value ? <time dateTime={value}>{formatDate(value, i18n.language)}</time> : <>—</>;
}

export function Loading({ problem, onReload }: { problem: Problem | null; onReload?: () => void }) {
  const { t } = useTranslation();
  return problem ? <ProblemMessage problem={problem} onReload={onReload} /> : <p aria-live="polite">{t('loading')}</p>;
}

/**
 * A value of a closed list, in the chosen language (falls back to the code). Given several groups,
 * the first that names the value wins.
 */
export function useTerm() {
  const { t } = useTranslation();
  // Only codes are looked up: free text (a name, a place) could hold i18next's separators.
  return (group: string | readonly string[], value: string | null | undefined) =>
    !value
      ? '—'
      : /^[A-Za-z0-9-]+$/.test(value)
        ? t(
            (typeof group === 'string' ? [group] : group).map((name) => `terms.${name}.${value}`),
            { defaultValue: value },
          )
        : value;
}

/** The options of a closed list, each named in the chosen language. */
export function TermOptions({ group, values }: { group: string; values: readonly string[] }) {
  const term = useTerm();
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {term(group, value)}
        </option>
      ))}
    </>
  );
}

/** A filter of a list: a labelled choice of one value, or of all (the empty value). */
export function FilterChoice({
  label,
  children,
  ...select
}: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const { t } = useTranslation();
  return (
    <label>
      {label}{' '}
      <select {...select}>
        <option value="">{t('all')}</option>
        {children}
      </select>
    </label>
  );
}

/** A table's head row: one column header per label. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** One entry of a description list: its label, then what it says. */
export function Detail({ label, testId, children }: { label: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * A titled part of a page listing a loaded page of items (those `only` keeps): the loading line, or
 * the problem, until it has loaded; then `empty` when there is nothing to list, else a card per item.
 */
export function ListSection<T>({
  title,
  list,
  only,
  empty,
  children,
}: {
  title: string;
  list: { data: Page<T> | null; problem: Problem | null };
  only?: (item: T) => boolean;
  empty: string;
  children: (item: T) => ReactNode;
}) {
  const id = useId();
  const items = list.data && (only ? list.data.items.filter(only) : list.data.items);
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {!items ? (
        <Loading problem={list.problem} />
      ) : items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="cards">{items.map((item) => children(item))}</ul>
      )}
    </section>
  );
}
