import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../command';
import { zonedInputToIso } from '../time';
import { fieldMessages } from '../command';
import { Field, ProblemMessage } from '../ui';

export interface ActionField {
  name: string;
  label: string;
  /** checkbox: a yes/no; checks: several of `options` (sent as a list). */
  type: 'text' | 'textarea' | 'date' | 'datetime' | 'number' | 'select' | 'lines' | 'checkbox' | 'checks';
  options?: { value: string; label: string }[];
  defaultValue?: string;
  optional?: boolean;
  hint?: string;
  showIf?: (values: Record<string, string>) => boolean;
  /** The field of the server's `errors` shown beside this one, when not its own name (a list's). */
  errorField?: string;
}

export interface Action {
  id: string;
  title: string;
  path: string;
  fields: ActionField[];
  /** The request body from the form's values; by default the fields as they are typed. */
  body?: (values: Record<string, unknown>) => unknown;
  /** Asked before sending (erasure). */
  confirm?: string;
  submitLabel?: string;
  danger?: boolean;
}

function fieldValue(field: ActionField, raw: string): unknown {
  if (field.type === 'number') return Number(raw);
  if (field.type === 'datetime') return zonedInputToIso(raw);
  if (field.type === 'lines')
    return raw
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  if (field.type === 'checkbox') return raw === 'true';
  if (field.type === 'checks') return raw.split(',').filter(Boolean);
  return raw.trim();
}

/**
 * One command form: its own Idempotency-Key per submission attempt, the If-Match of the revision the
 * person saw, field errors beside their fields, a 412 as "someone else changed it" with a reload.
 */
export function ActionForm({
  action,
  ifMatch,
  onDone,
  onReload,
}: {
  action: Action;
  ifMatch: string | null;
  onDone: (result: { position?: string }) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const command = useCommand();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(action.fields.map((field) => [field.name, field.defaultValue ?? ''])),
  );
  const [confirming, setConfirming] = useState(false);
  const visible = action.fields.filter((field) => !field.showIf || field.showIf(values));

  const send = async () => {
    const typed: Record<string, unknown> = {};
    for (const field of visible) {
      const raw = values[field.name] ?? '';
      if (raw.trim() === '' && field.optional) continue;
      typed[field.name] = fieldValue(field, raw);
    }
    const result = await command.submit(action.path, action.body ? action.body(typed) : typed, ifMatch);
    setConfirming(false);
    if (result) onDone(result);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (action.confirm && !confirming) setConfirming(true);
    else void send();
  };

  return (
    <form
      className={`action${action.danger ? ' danger' : ''}`}
      onSubmit={submit}
      aria-labelledby={`${action.id}-title`}
      noValidate
    >
      <h3 id={`${action.id}-title`}>{action.title}</h3>
      {visible.map((field) =>
        field.type === 'checks' ? (
          <Checks
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            messages={fieldMessages(command.problem, field.name)}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ) : (
          <Field
            key={field.name}
            label={field.optional ? `${field.label} (${t('optional')})` : field.label}
            name={field.errorField ?? field.name}
            problem={command.problem}
            hint={field.hint}
          >
            {(props) => {
              const common = {
                ...props,
                value: values[field.name] ?? '',
                onChange: (event: { target: { value: string } }) =>
                  setValues((current) => ({ ...current, [field.name]: event.target.value })),
              };
              if (field.type === 'select')
                return (
                  <select {...common}>
                    {field.options!.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                );
              if (field.type === 'textarea' || field.type === 'lines') return <textarea {...common} rows={3} />;
              if (field.type === 'checkbox')
                return (
                  <input
                    {...props}
                    type="checkbox"
                    checked={values[field.name] === 'true'}
                    onChange={(event) =>
                      setValues((current) => ({ ...current, [field.name]: String(event.target.checked) }))
                    }
                  />
                );
              const type = {
                text: 'text',
                date: 'date',
                datetime: 'datetime-local',
                number: 'number',
                checks: undefined,
              }[field.type];
              return <input {...common} type={type} />;
            }}
          </Field>
        ),
      )}
      <ProblemMessage problem={command.problem} onReload={onReload} />
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`${action.id}-confirm`} className="confirm">
          <p id={`${action.id}-confirm`}>{action.confirm}</p>
          <button type="submit" className="danger" disabled={command.pending} autoFocus>
            {t('confirm')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="submit" className={action.danger ? 'danger' : 'primary'} disabled={command.pending}>
          {command.pending ? t('sending') : (action.submitLabel ?? action.title)}
        </button>
      )}
    </form>
  );
}

/** Several choices of a closed list: a fieldset of checkboxes, the server's messages for the list beside it. */
function Checks({
  field,
  value,
  messages,
  onChange,
}: {
  field: ActionField;
  value: string;
  messages: string[];
  onChange: (value: string) => void;
}) {
  const errorId = useId();
  const chosen = value.split(',').filter(Boolean);
  const toggle = (option: string, checked: boolean) =>
    onChange((checked ? [...chosen, option] : chosen.filter((item) => item !== option)).join(','));
  return (
    <fieldset className="field checks" aria-describedby={messages.length ? errorId : undefined}>
      <legend>{field.label}</legend>
      {field.options!.map((option) => (
        <label key={option.value}>
          <input
            type="checkbox"
            name={field.name}
            value={option.value}
            checked={chosen.includes(option.value)}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />{' '}
          {option.label}
        </label>
      ))}
      {messages.length > 0 && (
        <small id={errorId} className="field-error">
          {messages.join(' ')}
        </small>
      )}
    </fieldset>
  );
}
