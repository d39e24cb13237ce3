import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Page } from '../api';
import { useCommand } from '../command';
import type { SignedInUser } from '../session';
import { isoToZonedInput, timeZone, zonedInputToIso } from '../time';
import { DateTime, Field, Loading, ProblemMessage, TermOptions, useLoad, useTerm } from '../ui';
import { ADULT_AGE, EXPLOITATION_TYPES, SEXES, URGENT_NEEDS } from '@nrm/case/vocabulary';
import type { Deadline } from './board';

interface Catalogue {
  version: string;
  groups: { code: string; title: Record<string, string> }[];
  indicators: { code: string; group: string; strength: string; text: Record<string, string> }[];
}

interface Opened {
  caseId: string;
  caseNumber: string;
  position: string;
}

/** Age in whole years at a day, from YYYY-MM-DD. */
function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function checkedValues(form: HTMLFormElement, name: string): string[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`), (input) => input.value);
}

/** The hand-over deadline of a case just opened (the board, read after our write). */
async function handOverDeadline(opened: Opened, organisation: string): Promise<Deadline | null> {
  const params = new URLSearchParams({
    kind: 'hand-over',
    org: organisation,
    minPosition: opened.position,
    pageSize: '100',
  });
  const board = await get<Page<Deadline>>(`/deadlines?${params}`);
  return board.items.find((deadline) => deadline.caseId === opened.caseId) ?? null;
}

/** A first responder's referral, made for a phone: partial data, the real identification time, the indicators. */
export function ReferralPage({ user }: { user: SignedInUser }) {
  const { t, i18n } = useTranslation();
  const catalogue = useLoad(() => get<Catalogue>('/indicators'), []);
  const command = useCommand<Opened>();
  const formRef = useRef<HTMLFormElement>(null);
  const [age, setAge] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [identifiedAt, setIdentifiedAt] = useState(() => isoToZonedInput(Date.now()));
  const [opened, setOpened] = useState<(Opened & { deadline: Deadline | null }) | null>(null);

  const identifiedDay = identifiedAt.slice(0, 10);
  const years = dateOfBirth ? ageOn(dateOfBirth, identifiedDay) : age === '' ? null : Number(age);
  const isChild = years !== null && years < ADULT_AGE;

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      person: {
        givenName: text('givenName'),
        familyName: text('familyName'),
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(!dateOfBirth && age !== '' ? { estimatedAge: Number(age) } : {}),
        sex: text('sex'),
        citizenship: text('citizenship') || 'unknown',
        languages: text('languages')
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((code) => code.toLowerCase()),
      },
      identification: {
        identifiedAt: zonedInputToIso(identifiedAt),
        place: text('place'),
        ...(text('region') ? { region: text('region') } : {}),
        country: text('country').toUpperCase(),
      },
      exploitationTypes: checkedValues(form, 'exploitationTypes'),
      indicatorCodes: checkedValues(form, 'indicatorCodes'),
      urgentNeeds: checkedValues(form, 'urgentNeeds'),
      consentToReferral: data.get('consentToReferral') === 'yes',
      ...(text('narrative') ? { narrative: text('narrative') } : {}),
    };
    const result = await command.submit('/cases', body);
    if (!result) return;
    const deadline = await handOverDeadline(result, user.organisationId).catch(() => null);
    setOpened({ ...result, deadline });
    window.scrollTo(0, 0);
  };

  if (opened) {
    return (
      <section className="referral">
        <h1>{t('referral.sent')}</h1>
        <div role="status" className="success">
          <p>
            {t('referral.caseNumber')}: <strong data-testid="case-number">{opened.caseNumber}</strong>
          </p>
          <p>
            {t('referral.handOverBy')}:{' '}
            <strong data-testid="hand-over-due">
              {opened.deadline ? <DateTime value={opened.deadline.dueAt} /> : '—'}
            </strong>
            {opened.deadline?.overdue && <strong className="tag overdue-tag"> {t('board.overdue')}</strong>}
          </p>
        </div>
        <p>
          <a href={`#/cases/${opened.caseId}`}>{t('referral.openCase')}</a>
        </p>
        <button type="button" onClick={() => (setOpened(null), setAge(''), setDateOfBirth(''))}>
          {t('referral.another')}
        </button>
      </section>
    );
  }

  const language = i18n.language === 'az' ? 'az' : 'en';
  const p = command.problem;
  return (
    <section className="referral">
      <h1>{t('referral.title')}</h1>
      <p>{t('referral.intro')}</p>
      <form ref={formRef} onSubmit={send} noValidate>
        <fieldset>
          <legend>{t('referral.person')}</legend>
          <Field label={t('referral.givenName')} name="givenName" problem={p} hint={t('referral.nameHint')}>
            {(props) => <input {...props} autoComplete="off" />}
          </Field>
          <Field label={t('referral.familyName')} name="familyName" problem={p}>
            {(props) => <input {...props} autoComplete="off" />}
          </Field>
          <div className="row">
            <Field label={t('referral.dateOfBirth')} name="dateOfBirth" problem={p}>
              {(props) => (
                <input {...props} type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} />
              )}
            </Field>
            <Field label={t('referral.estimatedAge')} name="estimatedAge" problem={p} hint={t('referral.ageHint')}>
              {(props) => (
                <input
                  {...props}
                  type="number"
                  min={0}
                  max={120}
                  inputMode="numeric"
                  value={age}
                  disabled={Boolean(dateOfBirth)}
                  onChange={(e) => setAge(e.target.value)}
                />
              )}
            </Field>
          </div>
          {isChild && (
            <div className="child-path" role="note" data-testid="child-path">
              <strong>{t('referral.childTitle')}</strong>
              <p>{t('referral.childText')}</p>
            </div>
          )}
          <Field label={t('referral.sex')} name="sex" problem={p}>
            {(props) => (
              <select {...props} defaultValue="unknown">
                <TermOptions group="sexes" values={SEXES} />
              </select>
            )}
          </Field>
          <Field label={t('referral.citizenship')} name="citizenship" problem={p} hint={t('referral.citizenshipHint')}>
            {(props) => <input {...props} defaultValue="unknown" autoCapitalize="characters" />}
          </Field>
          <Field label={t('referral.languages')} name="languages" problem={p} hint={t('referral.languagesHint')}>
            {(props) => <input {...props} />}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('referral.identification')}</legend>
          <Field
            label={t('referral.identifiedAt', { zone: timeZone() })}
            name="identifiedAt"
            problem={p}
            hint={t('referral.identifiedAtHint')}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={identifiedAt}
                onChange={(e) => setIdentifiedAt(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('referral.place')} name="place" problem={p}>
            {(props) => <input {...props} />}
          </Field>
          <Field label={t('referral.region')} name="region" problem={p}>
            {(props) => <input {...props} />}
          </Field>
          <Field label={t('referral.country')} name="country" problem={p}>
            {(props) => <input {...props} defaultValue="AZ" maxLength={2} autoCapitalize="characters" />}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('referral.exploitation')}</legend>
          <TermChecks name="exploitationTypes" group="exploitation" values={EXPLOITATION_TYPES} />
          <ProblemLine problem={p} field="exploitationTypes" />
        </fieldset>

        <fieldset>
          <legend>
            {t('referral.indicators')}
            {catalogue.data && <small> ({t('referral.catalogue', { version: catalogue.data.version })})</small>}
          </legend>
          {!catalogue.data ? (
            <Loading problem={catalogue.problem} />
          ) : (
            catalogue.data.groups
              .filter((group) => group.code !== 'child' || isChild)
              .map((group) => (
                <details key={group.code} open={group.code === 'general'} className="indicator-group">
                  <summary>{group.title[language] ?? group.title.en}</summary>
                  {catalogue
                    .data!.indicators.filter((indicator) => indicator.group === group.code)
                    .map((indicator) => (
                      <label key={indicator.code} className="check">
                        <input type="checkbox" name="indicatorCodes" value={indicator.code} />{' '}
                        <span>
                          {indicator.text[language] ?? indicator.text.en} <small>({indicator.code})</small>
                        </span>
                      </label>
                    ))}
                </details>
              ))
          )}
          <ProblemLine problem={p} field="indicatorCodes" />
        </fieldset>

        <fieldset>
          <legend>{t('referral.urgentNeeds')}</legend>
          <TermChecks name="urgentNeeds" group="needs" values={URGENT_NEEDS} />
        </fieldset>

        <fieldset>
          <legend>{t('referral.consent')}</legend>
          <label className="check">
            <input type="checkbox" name="consentToReferral" value="yes" /> {t('referral.consentText')}
          </label>
        </fieldset>

        <Field label={t('referral.narrative')} name="narrative" problem={p}>
          {(props) => <textarea {...props} rows={4} />}
        </Field>

        <ProblemMessage problem={p} />
        <button type="submit" className="primary" disabled={command.pending}>
          {command.pending ? t('sending') : t('referral.send')}
        </button>
      </form>
    </section>
  );
}

/** A checkbox per value of a closed list, named in the chosen language: the form sends the checked values as `name`. */
function TermChecks({ name, group, values }: { name: string; group: string; values: readonly string[] }) {
  const term = useTerm();
  return (
    <>
      {values.map((value) => (
        <label key={value} className="check">
          <input type="checkbox" name={name} value={value} /> {term(group, value)}
        </label>
      ))}
    </>
  );
}

function ProblemLine({ problem, field }: { problem: ReturnType<typeof useCommand>['problem']; field: string }) {
  const messages = (problem?.errors ?? []).filter((error) => error.field === field).flatMap((error) => error.messages);
  return messages.length ? <p className="field-error">{messages.join(' ')}</p> : null;
}
